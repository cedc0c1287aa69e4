namespace ProcessStudio.Web.Api;

public static class ApiSetup
{
    public static IServiceCollection AddProcessStudioApi(this IServiceCollection services) => services;

    public static WebApplication MapProcessStudioApi(this WebApplication app) => app;
}
