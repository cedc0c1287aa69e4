namespace ProcessStudio.Engine.Persistence;

/// <summary>
/// What a workflow write requires of the stored workflow, checked by the store inside the write itself so that of
/// two racing writers exactly one wins: anything, no workflow with that id yet, or a given latest version.
/// </summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(int? latest) => Latest = latest;

    /// <summary>null: no check; 0: the workflow must not exist; n: its latest version must be n.</summary>
    public int? Latest { get; }

    public static ExpectedVersion Any => default;
    public static ExpectedVersion New => new(0);
    public static ExpectedVersion At(int version) =>
        version >= 1 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version), version, "A workflow version starts at 1.");

    /// <summary>True when a workflow whose latest version is <paramref name="current"/> (null: absent) satisfies this.</summary>
    public bool IsMetBy(int? current) => Latest switch
    {
        null => true,
        0 => current is null,
        var expected => current == expected,
    };
}

/// <summary>A workflow write lost a race: the stored workflow is not in the state the writer expected.</summary>
public sealed class WorkflowVersionConflictException(Guid workflowId, ExpectedVersion expected, int? currentVersion)
    : Exception(Describe(workflowId, expected, currentVersion))
{
    public Guid WorkflowId { get; } = workflowId;
    /// <summary>The latest stored version when the write was refused; null when the workflow does not exist.</summary>
    public int? CurrentVersion { get; } = currentVersion;

    private static string Describe(Guid id, ExpectedVersion expected, int? current) => (expected.Latest, current) switch
    {
        (0, _) => $"Workflow '{id}' already exists (version {current}); use PUT /api/v1/workflows/{id} to save a new version.",
        (_, null) => $"Workflow '{id}' no longer exists.",
        _ => $"Workflow '{id}' is at version {current}, not {expected.Latest}: someone saved it meanwhile.",
    };
}
