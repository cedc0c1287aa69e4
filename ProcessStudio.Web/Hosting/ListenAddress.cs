namespace ProcessStudio.Web.Hosting;

/// <summary>Where the app listens when nothing else says so: loopback only, port 5080.</summary>
internal static class ListenAddress
{
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>
    /// Applies <see cref="Default"/> unless an address is configured through --urls, ASPNETCORE_URLS, a "Urls" key,
    /// HTTP(S)_PORTS or Kestrel endpoints. (A "Urls" default in appsettings.json would override ASPNETCORE_URLS.)
    /// </summary>
    public static void UseDefaultListenAddress(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = new[] { WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey }
            .Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
            builder.WebHost.UseUrls(Default);
    }
}
