namespace ProcessStudio.Engine.Sql;

/// <summary>Limits of the Execute SQL node ("Engine:Sql" in configuration); a node's own settings may only lower them.</summary>
public sealed class SqlNodeOptions
{
    /// <summary>Rows one query returns at most, when the node does not set a lower cap.</summary>
    public int MaxRows { get; set; } = 10_000;

    /// <summary>How long one statement may run, when the node does not set a shorter timeout.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
