namespace ProcessStudio.Web.Ui.Live;

/// <summary>
/// Coalesces change signals into at most one flush per interval: the first signal after a flush schedules the next
/// one, later signals ride along. 1,000 events per second become at most one render per interval.
/// </summary>
public sealed class RenderThrottle(TimeSpan interval, Func<Task> flush, TimeProvider? clock = null) : IDisposable
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly CancellationTokenSource _disposed = new();
    private long _lastFlush;
    private int _scheduled;

    public void Signal()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 1 || _disposed.IsCancellationRequested) return;
        var sinceLast = _clock.GetElapsedTime(Interlocked.Read(ref _lastFlush));
        var wait = interval - sinceLast;
        _ = FlushAfterAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    private async Task FlushAfterAsync(TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock, _disposed.Token);
            Interlocked.Exchange(ref _lastFlush, _clock.GetTimestamp());
            Volatile.Write(ref _scheduled, 0);
            await flush();
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }   // the circuit went away between the signal and the flush
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
