using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>The services every live run uses, bundled so a run's constructor stays readable.</summary>
public sealed record RunDependencies(
    IExecutionStore Store,
    NodeInvoker Invoker,
    EngineEventStream Events,
    TimeProvider Clock,
    EngineOptions Options,
    ILogger<ExecutionRun> Logger);
