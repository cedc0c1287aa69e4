namespace ProcessStudio.Web.Ui;

public static class UiSetup
{
    public static IServiceCollection AddProcessStudioUi(this IServiceCollection services) => services;

    public static WebApplication MapProcessStudioUi(this WebApplication app) => app;
}
