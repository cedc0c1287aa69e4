namespace ProcessStudio.Web.Ui.Live;

/// <summary>Runs a change to the view model on the component's dispatcher and re-renders it (InvokeAsync + StateHasChanged).</summary>
public delegate Task UiDispatch(Action update);

/// <summary>
/// Watches one run for a page. Whether the run is streaming live from the engine or finished and read from the store
/// is the observer's business; the page only renders <see cref="Model"/>, which changes on the dispatcher it gave.
/// </summary>
public interface IExecutionObserver : IAsyncDisposable
{
    ExecutionViewModel Model { get; }

    /// <summary>True while engine events are streaming in.</summary>
    bool IsLive { get; }

    /// <summary>Reloads the model from the store (after a reconnect, or when events were dropped).</summary>
    Task ResyncAsync(CancellationToken cancellationToken);
}
