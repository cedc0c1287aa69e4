using Microsoft.AspNetCore.Components.Endpoints;
using ProcessStudio.Web.Ui.Account;

namespace ProcessStudio.Web.Security;

/// <summary>Until the first account exists, every page leads to /setup, where the visitor creates the Admin.</summary>
public sealed class FirstRunGate(RequestDelegate next, FirstRunState firstRun)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var page = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
        if (page is not null && page != typeof(SetupPage) && await firstRun.NeedsSetupAsync(context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }
        await next(context);
    }
}
