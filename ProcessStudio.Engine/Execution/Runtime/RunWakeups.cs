using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>How a signal sent to a live run ended.</summary>
public enum SignalDelivery
{
    /// <summary>The waiting activation took the payload, and the step that records it committed.</summary>
    Delivered,
    /// <summary>The node has no waiting activation in this run (never waited, already woken, or another signal won).</summary>
    NotWaiting,
    /// <summary>The run stopped being live before it looked at the signal; the caller goes through the store instead.</summary>
    RunEnded,
}

/// <summary>A signal queued for a live run, answered by the run loop once applied.</summary>
public sealed record PendingSignal(string NodeId, JsonNode? Payload)
{
    internal TaskCompletionSource<SignalDelivery> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// What wakes a live run's loop besides a finished node: signals from other threads, and the earliest due time of its
/// waiting activations (while other branches still run). Thread-safe on the signal side; the timer side belongs to the loop.
/// </summary>
public sealed class RunWakeups(TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly List<PendingSignal> _signals = [];
    private TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;
    private DateTimeOffset? _timerDue;
    private Task? _timer;
    private CancellationTokenSource? _timerCancel;

    /// <summary>Queues a signal for the loop. Answers <see cref="SignalDelivery.RunEnded"/> at once when the run already stopped.</summary>
    public Task<SignalDelivery> Send(PendingSignal signal)
    {
        lock (_gate)
        {
            if (_closed) return Task.FromResult(SignalDelivery.RunEnded);
            _signals.Add(signal);
            _signalled.TrySetResult();
        }
        return signal.Answer.Task;
    }

    /// <summary>Signals queued since the last call (loop only).</summary>
    public List<PendingSignal> TakeSignals()
    {
        lock (_gate)
        {
            if (_signals.Count == 0) return [];
            var taken = _signals.ToList();
            _signals.Clear();
            _signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return taken;
        }
    }

    /// <summary>Completes when a signal arrives or the earliest <see cref="Activation.WakeAt"/> of a waiting activation passes (loop only).</summary>
    public Task Next(IEnumerable<Activation> agenda)
    {
        var due = agenda.Where(a => a.IsWaiting && a.WakeAt is not null).Min(a => a.WakeAt);
        if (due != _timerDue || _timer is { IsCompleted: true })
        {
            StopTimer();
            _timerDue = due;
            if (due is { } at)
            {
                _timerCancel = new CancellationTokenSource();
                var delay = at - clock.GetUtcNow();
                _timer = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, clock, _timerCancel.Token);
            }
        }
        Task signalled;
        lock (_gate) signalled = _signalled.Task;
        return _timer is null ? signalled : Task.WhenAny(signalled, _timer);
    }

    /// <summary>Releases waiting activations whose time has come; they are launched like any other pending activation.</summary>
    public bool ReleaseDue(List<Activation> agenda)
    {
        var now = clock.GetUtcNow();
        var released = false;
        foreach (var activation in agenda)   // called before every step: a plain loop allocates nothing
        {
            if (!activation.IsWaiting || !(activation.WakeAt <= now)) continue;
            activation.IsWaiting = false;
            released = true;
        }
        return released;
    }

    /// <summary>The run is no longer live: signals it did not look at are answered <see cref="SignalDelivery.RunEnded"/>.</summary>
    public void Close()
    {
        List<PendingSignal> unanswered;
        lock (_gate)
        {
            _closed = true;
            unanswered = [.. _signals];
            _signals.Clear();
        }
        foreach (var signal in unanswered) signal.Answer.TrySetResult(SignalDelivery.RunEnded);
        StopTimer();
    }

    private void StopTimer()
    {
        _timerCancel?.Cancel();
        _timerCancel?.Dispose();
        _timerCancel = null;
        _timer = null;
        _timerDue = null;
    }
}
