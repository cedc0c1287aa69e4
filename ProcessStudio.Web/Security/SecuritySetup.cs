namespace ProcessStudio.Web.Security;

public static class SecuritySetup
{
    /// <summary>Registers the named policies. Authentication (cookies, API keys) is added on top of this by the access-control work.</summary>
    public static IServiceCollection AddProcessStudioSecurity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddAuthorization(options =>
        {
            foreach (var policy in new[] { AccessPolicies.View, AccessPolicies.Operate, AccessPolicies.Edit, AccessPolicies.Administer })
                options.AddPolicy(policy, p => p.RequireAssertion(_ => true));
        });
        return services;
    }
}
