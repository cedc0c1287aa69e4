namespace ProcessStudio.Engine;

/// <summary>Engine-wide settings. Bound from configuration by the host ("Engine" section) or set in code.</summary>
public sealed class EngineOptions
{
    /// <summary>How many runs execute at the same time; further runs wait in the queue as pending.</summary>
    public int MaxWorkers { get; set; } = 8;

    /// <summary>The activation limit of a run whose workflow does not set <c>MaxActivations</c>.</summary>
    public int DefaultMaxActivations { get; set; } = 10_000;

    /// <summary>Multiplies every retry delay. 1 in production; tests lower it to stay fast while keeping the same attempts.</summary>
    public double RetryDelayScale { get; set; } = 1.0;

    /// <summary>Minimum interval between two progress events of one node; the first and last are always sent.</summary>
    public TimeSpan ProgressThrottle { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Default timeout of an HTTP Request node whose settings leave it empty.</summary>
    public int DefaultHttpTimeoutMs { get; set; } = 30_000;

    /// <summary>
    /// Run timeout of workflows whose settings leave <c>runTimeoutMs</c> empty and starts that set none, in milliseconds;
    /// null (the default): runs have no time limit.
    /// </summary>
    public long? DefaultRunTimeoutMs { get; set; }

    /// <summary>How deep sub-workflows may nest (a top-level run is depth 0); stops runaway recursion.</summary>
    public int MaxSubWorkflowDepth { get; set; } = 10;

    /// <summary>How often the store is asked for waiting runs whose wake time has passed: the precision of timers and timeouts.</summary>
    public TimeSpan WaitCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a run's lease lasts without a heartbeat when several instances share a database (renewed every third of
    /// it): after an instance dies, its runs continue elsewhere within about this time.
    /// </summary>
    public TimeSpan RunLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Largest output one node may produce, as JSON (approximately: characters of text count as bytes). A node over it
    /// fails with an error naming the limit; expressions stop building values once they pass it.
    /// </summary>
    public long MaxNodeOutputBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest input a run may start with; the trigger node fails over it.</summary>
    public long MaxRunInputBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest total of the node outputs a run holds at once; the node whose output would pass it fails.</summary>
    public long MaxRunStateBytes { get; set; } = 256 * 1024 * 1024;

    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>How reactions to committed changes (finished runs, subscriptions) are delivered.</summary>
    public Execution.Outbox.OutboxOptions Outbox { get; set; } = new();

    /// <summary>Commands for runs driven by another instance (several instances on PostgreSQL).</summary>
    public Execution.Remote.RemoteCommandOptions RemoteCommands { get; set; } = new();

    /// <summary>Which addresses HTTP Request nodes may connect to.</summary>
    public Net.OutboundAddressOptions OutboundAddresses { get; set; } = new();

    /// <summary>Limits of the Code node's JavaScript sandbox.</summary>
    public Scripting.CodeNodeOptions Code { get; set; } = new();

    /// <summary>Limits of the Execute SQL node.</summary>
    public Sql.SqlNodeOptions Sql { get; set; } = new();

    /// <summary>The one folder Read File and Write File nodes may use, and their size limits.</summary>
    public FileNodeOptions Files { get; set; } = new();
}

/// <summary>Where Read File and Write File work. Paths in their settings are relative to <see cref="Folder"/> and never leave it.</summary>
public sealed class FileNodeOptions
{
    /// <summary>The files folder; a relative path resolves against the current directory. The web host defaults it to data/files.</summary>
    public string Folder { get; set; } = "files";

    /// <summary>Largest file Read File reads; bigger files fail the node before anything is read.</summary>
    public long MaxReadBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest file Write File leaves behind (after appending); bigger content fails the node and nothing is written.</summary>
    public long MaxWriteBytes { get; set; } = 16 * 1024 * 1024;
}

/// <summary>The per-host circuit breaker shared by every HTTP Request node of every run.</summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>Share of failed calls in the sampling window that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;
    /// <summary>Calls needed in the window before the ratio is considered.</summary>
    public int MinimumThroughput { get; set; } = 10;
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
