using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessStudio.Data.Security;

namespace ProcessStudio.Web.Security;

public static class SecuritySetup
{
    /// <summary>Picks the API key handler when a request carries a key, the sign-in cookie otherwise.</summary>
    public const string DefaultScheme = "ProcessStudio";
    public const string CookieName = "ps.session";

    public static IServiceCollection AddProcessStudioSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IUserStore, SqliteUserStore>();
        services.TryAddSingleton<SignInAttemptStore>();
        services.TryAddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.TryAddSingleton<IAuditStore, SqliteAuditStore>();
        services.AddSingleton<FirstRunState>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SecretFilter>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<SessionCookieEvents>();
        services.AddScoped<UiActor>();

        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Cookie or API key", options =>
                options.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.CarriesKey(context.Request)
                    ? ActorClaims.ApiKeyScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                // Strict: no other site can make the browser send this cookie, which is what keeps cookie-authenticated
                // API calls from being forged cross-site (docs/security.md).
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.AccessDeniedPath = "/login";
                options.ReturnUrlParameter = "returnUrl";
                options.SlidingExpiration = true;
                options.EventsType = typeof(SessionCookieEvents);
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ActorClaims.ApiKeyScheme, null);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<SecurityOptions>>((cookie, security) => cookie.ExpireTimeSpan = security.Value.SessionIdleTimeout);

        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitUserRevalidation>();
        services.AddAuthorization(options =>
        {
            foreach (var policy in AccessRules.Policies)
                options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(AccessRules.RolesFor(policy)));
        });
        return services;
    }

    /// <summary>
    /// Security headers first (every response gets them), then who is calling, the first-run redirect (before
    /// authorization, which would otherwise send a visitor to a login page no account can pass), and what they may do.
    /// </summary>
    public static WebApplication UseProcessStudioSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<FirstRunGate>();
        app.UseAuthorization();
        return app;
    }
}
