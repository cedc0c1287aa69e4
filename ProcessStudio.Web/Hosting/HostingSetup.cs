namespace ProcessStudio.Web.Hosting;

public static class HostingSetup
{
    public static WebApplicationBuilder AddProcessStudioHosting(this WebApplicationBuilder builder) => builder;

    public static Task InitializeProcessStudioAsync(this WebApplication app, CancellationToken cancellationToken) => Task.CompletedTask;
}
