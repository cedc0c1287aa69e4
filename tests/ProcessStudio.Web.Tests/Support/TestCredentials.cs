namespace ProcessStudio.Web.Tests.Support;

/// <summary>The admin every test app starts with (ProcessStudio:Security:InitialAdmin), and its API key.</summary>
public static class TestCredentials
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "test-admin-password";
    public const string AdminApiKey = "psk_test-admin-key-0123456789abcdefghijklmnop";
    public const string ApiKeyHeader = "X-Api-Key";

    public static IReadOnlyDictionary<string, string> InitialAdminSettings { get; } = new Dictionary<string, string>
    {
        ["ProcessStudio:Security:InitialAdmin:UserName"] = AdminUserName,
        ["ProcessStudio:Security:InitialAdmin:Password"] = AdminPassword,
        ["ProcessStudio:Security:InitialAdmin:ApiKey"] = AdminApiKey,
    };
}
