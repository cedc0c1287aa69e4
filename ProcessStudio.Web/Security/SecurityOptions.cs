namespace ProcessStudio.Web.Security;

/// <summary>The "ProcessStudio:Security" configuration section.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "ProcessStudio:Security";

    /// <summary>
    /// For automated deployments and tests: the admin account to create at start when there is no user yet.
    /// Empty by default; without it the first visitor creates the admin on /setup. There is never a built-in password.
    /// </summary>
    public InitialAdminSettings InitialAdmin { get; set; } = new();

    /// <summary>Failed sign-ins allowed per user name and address before a lockout.</summary>
    public SignInThrottleSettings SignInThrottle { get; set; } = new();

    /// <summary>How often an open page re-checks that its user is still enabled and unchanged.</summary>
    public TimeSpan PageRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a sign-in lasts without activity.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
}

public sealed class InitialAdminSettings
{
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Optional Admin API key created with the account, so scripts can call the API without a browser (at least 32 characters).</summary>
    public string? ApiKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(UserName) && !string.IsNullOrEmpty(Password);
}
