using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Locks;

/// <summary>
/// A finished run releases the critical-section locks it still holds (a Lock without its Unlock, a run failed or
/// cancelled inside a section). At most once, in this process: a Lock node also takes over a lock whose holder finished.
/// </summary>
public sealed class LockReleaseListener(IEngineEventStream events, ILockStore locks, ILogger<LockReleaseListener> logger)
    : EngineEventListener(events, logger)
{
    protected override bool Accepts(EngineEvent engineEvent) => engineEvent is ExecutionStatusChanged changed && changed.Status.IsFinished();

    protected override Task HandleAsync(EngineEvent engineEvent, CancellationToken cancellationToken) =>
        locks.ReleaseAllAsync(engineEvent.ExecutionId, cancellationToken);
}
