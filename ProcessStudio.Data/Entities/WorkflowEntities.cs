namespace ProcessStudio.Data.Entities;

/// <summary>A workflow's identity and the denormalised facts the list view needs. Times are Unix milliseconds (UTC).</summary>
public sealed class WorkflowEntity
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int LatestVersion { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public List<WorkflowVersionEntity> Versions { get; set; } = [];
}

/// <summary>One immutable saved version; <see cref="Definition"/> is the workflow as <c>WorkflowJson</c>.</summary>
public sealed class WorkflowVersionEntity
{
    public string WorkflowId { get; set; } = "";
    public int Version { get; set; }
    public string Definition { get; set; } = "";
    public int NodeCount { get; set; }
    public string? Comment { get; set; }
    public long CreatedAt { get; set; }
}
