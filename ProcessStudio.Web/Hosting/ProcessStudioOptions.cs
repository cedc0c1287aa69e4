namespace ProcessStudio.Web.Hosting;

/// <summary>The "ProcessStudio" configuration section (appsettings.json, environment variables, command-line arguments).</summary>
public sealed class ProcessStudioOptions
{
    public const string SectionName = "ProcessStudio";

    /// <summary>The connection string (ConnectionStrings:ProcessStudio): PostgreSQL's, or a full SQLite one.</summary>
    public const string ConnectionStringName = "ProcessStudio";

    /// <summary>Which database holds the data (docs/scale-out.md): sqlite (default) or postgres.</summary>
    public DatabaseSettings Database { get; set; } = new();

    /// <summary>Folder for the SQLite database and the log files. Relative paths resolve against the content root.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>File name of the SQLite database inside <see cref="DataFolder"/>.</summary>
    public string DatabaseFileName { get; set; } = "processstudio.db";

    /// <summary>Largest request body the API accepts; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Whether the sample workflows are created on first start (when no workflow exists yet).</summary>
    public bool SeedSamples { get; set; } = true;

    public EngineSettings Engine { get; set; } = new();

    public RetentionSettings Retention { get; set; } = new();
}

public sealed class DatabaseSettings
{
    /// <summary>sqlite (one instance, a file in <see cref="ProcessStudioOptions.DataFolder"/>) or postgres (several instances).</summary>
    public ProcessStudio.Data.DatabaseProvider Provider { get; set; } = ProcessStudio.Data.DatabaseProvider.Sqlite;
}

public sealed class EngineSettings
{
    /// <summary>How many runs execute at the same time.</summary>
    public int MaxWorkers { get; set; } = 8;

    /// <summary>Default per-run limit on node activations (stops runaway loops); a workflow may set its own.</summary>
    public int MaxActivations { get; set; } = 10_000;

    /// <summary>Multiplies every retry delay; 1 in production, small in tests.</summary>
    public double RetryDelayScale { get; set; } = 1.0;

    /// <summary>Largest output of one node; see <see cref="Engine.EngineOptions.MaxNodeOutputBytes"/>.</summary>
    public long MaxNodeOutputBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest run input; see <see cref="Engine.EngineOptions.MaxRunInputBytes"/>.</summary>
    public long MaxRunInputBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest total of node outputs one run holds; see <see cref="Engine.EngineOptions.MaxRunStateBytes"/>.</summary>
    public long MaxRunStateBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>How long a run's lease lasts without a heartbeat when instances share PostgreSQL; see <see cref="Engine.EngineOptions.RunLeaseDuration"/>.</summary>
    public TimeSpan RunLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Which addresses HTTP Request nodes may call (docs/security.md, "Outbound address policy").</summary>
    public ProcessStudio.Engine.Net.OutboundAddressOptions OutboundAddresses { get; set; } = new();

    /// <summary>The folder of Read File / Write File (relative to the data folder; default data/files) and their size limits.</summary>
    public ProcessStudio.Engine.FileNodeOptions Files { get; set; } = new();
    /// <summary>Delivery of reactions and subscription events; see <see cref="ProcessStudio.Engine.Execution.Outbox.OutboxOptions"/>.</summary>
    public ProcessStudio.Engine.Execution.Outbox.OutboxOptions Outbox { get; set; } = new();

    /// <summary>Commands sent to a run another instance drives; see <see cref="ProcessStudio.Engine.Execution.Remote.RemoteCommandOptions"/>.</summary>
    public ProcessStudio.Engine.Execution.Remote.RemoteCommandOptions RemoteCommands { get; set; } = new();
    /// <summary>Limits of the Code node; see <see cref="Engine.Scripting.CodeNodeOptions"/>.</summary>
    public ProcessStudio.Engine.Scripting.CodeNodeOptions Code { get; set; } = new();

    /// <summary>Limits of the Execute SQL node; see <see cref="Engine.Sql.SqlNodeOptions"/>.</summary>
    public ProcessStudio.Engine.Sql.SqlNodeOptions Sql { get; set; } = new();
}

public sealed class RetentionSettings
{
    /// <summary>Whether finished executions are deleted after <see cref="MaxAge"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Finished executions (with their node records, logs and checkpoints) older than this are deleted.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
