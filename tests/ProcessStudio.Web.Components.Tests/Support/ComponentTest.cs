using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Web.Components.Tests.Support;

/// <summary>
/// A bunit context with MudBlazor's services and the real expression engine. JS calls are answered loosely
/// (MudBlazor measures elements and registers key handlers; none of that matters to what these tests assert).
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    // MudBlazor's services are only async-disposable; xunit 2 awaits this before its synchronous Dispose.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IExpressionEngine>(new ExpressionEngine());
    }

    /// <summary>Renders the providers MudBlazor's dialogs, menus and tooltips need; returns the dialog host.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogHost()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }
}
