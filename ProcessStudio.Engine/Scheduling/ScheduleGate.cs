namespace ProcessStudio.Engine.Scheduling;

/// <summary>
/// Serialises this process's read-modify-write changes to schedules (activation, saves) with the scheduler's claims,
/// so a save never writes back a next fire time the scheduler has just advanced past. Claims also check the stored
/// next fire time, which guards against writers outside this process.
/// </summary>
public sealed class ScheduleGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Releaser(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }
}
