namespace ProcessStudio.Web.Security;

/// <summary>The four roles, from least to most trusted. Each role can do everything the roles before it can.</summary>
public static class Roles
{
    public const string Viewer = "Viewer";
    public const string Operator = "Operator";
    public const string Editor = "Editor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Editor, Admin];
}

/// <summary>
/// Authorization policies named by what they allow. Every API route and every UI action names one of these:
/// <c>.RequireAuthorization(AccessPolicies.Operate)</c> on endpoints, <c>&lt;AuthorizeView Policy="@AccessPolicies.Edit"&gt;</c> in Razor.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Read workflows, executions, logs and settings (Viewer and up).</summary>
    public const string View = "ps.view";
    /// <summary>Run, pause, resume, cancel, retry and approve (Operator and up).</summary>
    public const string Operate = "ps.operate";
    /// <summary>Create, edit, import and delete workflows (Editor and up).</summary>
    public const string Edit = "ps.edit";
    /// <summary>Manage users, API keys and connections (Admin only).</summary>
    public const string Administer = "ps.administer";
}
