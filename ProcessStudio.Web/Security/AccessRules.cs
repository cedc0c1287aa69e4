namespace ProcessStudio.Web.Security;

/// <summary>Which roles each policy admits; roles are ordered, each including the ones before it.</summary>
public static class AccessRules
{
    public static IReadOnlyList<string> RolesFor(string policy) => policy switch
    {
        AccessPolicies.View => Roles.All,
        AccessPolicies.Operate => [Roles.Operator, Roles.Editor, Roles.Admin],
        AccessPolicies.Edit => [Roles.Editor, Roles.Admin],
        AccessPolicies.Administer => [Roles.Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown access policy."),
    };

    public static readonly IReadOnlyList<string> Policies = [AccessPolicies.View, AccessPolicies.Operate, AccessPolicies.Edit, AccessPolicies.Administer];

    /// <summary>The role as spelled in <see cref="Roles"/>, whatever its case; null when it is not a role.</summary>
    public static string? NormalizeRole(string? role) =>
        Roles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
