namespace ProcessStudio.E2E.Infrastructure;

/// <summary>The admin every test app starts with (ProcessStudio:Security:InitialAdmin), and its API key.</summary>
public static class TestCredentials
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "e2e-admin-password";
    public const string AdminApiKey = "psk_e2e-admin-key-0123456789abcdefghijklmnop";

    public static IReadOnlyDictionary<string, string> InitialAdminEnvironment { get; } = new Dictionary<string, string>
    {
        ["ProcessStudio__Security__InitialAdmin__UserName"] = AdminUserName,
        ["ProcessStudio__Security__InitialAdmin__Password"] = AdminPassword,
        ["ProcessStudio__Security__InitialAdmin__ApiKey"] = AdminApiKey,
    };
}
