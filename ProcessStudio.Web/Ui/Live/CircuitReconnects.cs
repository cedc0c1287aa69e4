using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>
/// Tells live views of this circuit when the browser connection comes back, so they resync from the store
/// (engine events that arrived while the connection was down may have been coalesced or dropped).
/// </summary>
public sealed class CircuitReconnects : CircuitHandler
{
    private bool _wasDown;

    public event Func<Task>? Reconnected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!_wasDown || Reconnected is not { } handlers) return;
        _wasDown = false;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            await handler();
    }
}
