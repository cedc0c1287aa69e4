namespace ProcessStudio.Engine.Execution.Workers;

/// <summary>
/// Holds the engine's background work (workers, the wake timer, the scheduler) until the host lets it start. A web
/// host opens it only after its port is bound and interrupted runs are recovered, so an instance that cannot bind
/// never touches a run. Open from the start for hosts without such a step (tests, tools).
/// </summary>
public sealed class EngineStartGate(bool open = true)
{
    private readonly TaskCompletionSource _opened = Opened(open);

    public bool IsOpen => _opened.Task.IsCompleted;

    public void Open() => _opened.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => _opened.Task.WaitAsync(cancellationToken);

    private static TaskCompletionSource Opened(bool open)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open) source.SetResult();
        return source;
    }
}
