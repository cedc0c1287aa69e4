using Microsoft.Extensions.Options;

namespace ProcessStudio.Web.Security;

/// <summary>
/// Creates the admin from ProcessStudio:Security:InitialAdmin at start when no user exists yet (automated
/// deployments, tests). Runs before the server listens, so no request can reach the first-run setup page first.
/// </summary>
public static class InitialAdminSeeder
{
    public const string InitialKeyName = "initial-admin";

    public static async Task SeedInitialAdminAsync(this WebApplication app, CancellationToken ct)
    {
        var settings = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.InitialAdmin;
        if (!settings.IsConfigured)
            return;

        var accounts = app.Services.GetRequiredService<AccountService>();
        var admin = await accounts.CreateFirstAdminAsync(settings.UserName!, settings.Password!, ct);
        if (admin is null)
            return;   // Users exist already: configuration never overrides an account someone set up.

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InitialAdminSeeder));
        log.LogInformation("Created the initial admin {UserName} from configuration", admin.UserName);
        if (!string.IsNullOrEmpty(settings.ApiKey))
            await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(InitialKeyName, Roles.Admin, admin.UserName, settings.ApiKey, ct);
    }
}
