using Microsoft.AspNetCore.Components;

namespace ProcessStudio.Web.Ui.Kit;

/// <summary>A component whose async work (store calls, engine commands) stops when the person leaves the page.</summary>
public abstract class CancellableComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    protected CancellationToken Aborted => _disposed.Token;

    public virtual void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
