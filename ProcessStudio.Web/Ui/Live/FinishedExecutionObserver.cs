namespace ProcessStudio.Web.Ui.Live;

/// <summary>A run that has finished: its picture comes from the store once; nothing streams.</summary>
public sealed class FinishedExecutionObserver(ExecutionViewModel model, ExecutionSnapshotLoader loader, UiDispatch dispatch) : IExecutionObserver
{
    public ExecutionViewModel Model { get; } = model;
    public bool IsLive => false;

    public async Task ResyncAsync(CancellationToken cancellationToken)
    {
        if (await loader.LoadAsync(Model.Execution.Id, cancellationToken) is { } snapshot)
            await dispatch(() => Model.Reload(snapshot));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
