using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ProcessStudio.Web.Hosting;

/// <summary>Prints the address the app listens on once the server has started.</summary>
internal static class StartupAnnouncer
{
    public static void AnnounceAddressesOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
                app.Logger.LogInformation("ProcessStudio is running at {Address}", address);
        });
    }
}
