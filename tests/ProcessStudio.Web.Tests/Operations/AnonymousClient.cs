using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Operations;

internal static class AnonymousClient
{
    /// <summary>A client without the admin API key: probes and tools call these routes without credentials.</summary>
    public static ApiClient Anonymous(AppFactory factory)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Remove(TestCredentials.ApiKeyHeader);
        return new ApiClient(http);
    }
}
