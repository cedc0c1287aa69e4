namespace ProcessStudio.Web.Security;

/// <summary>
/// What someone did, by name (stored and filtered on) and as the past tense used in run logs ("Paused by alice").
/// <paramref name="NoteInRunLog"/> is false where the run already logs the action itself (approval nodes log their decision).
/// </summary>
public sealed record AuditAction(string Name, string PastTense, bool NoteInRunLog = true)
{
    public static readonly AuditAction WorkflowCreated = new("workflow.create", "Created");
    public static readonly AuditAction WorkflowUpdated = new("workflow.update", "Updated");
    public static readonly AuditAction WorkflowDeleted = new("workflow.delete", "Deleted");
    public static readonly AuditAction WorkflowImported = new("workflow.import", "Imported");
    public static readonly AuditAction WorkflowRestored = new("workflow.restore", "Restored");
    public static readonly AuditAction ExecutionStarted = new("execution.run", "Started");
    public static readonly AuditAction ExecutionPaused = new("execution.pause", "Paused");
    public static readonly AuditAction ExecutionResumed = new("execution.resume", "Resumed");
    public static readonly AuditAction ExecutionCancelled = new("execution.cancel", "Cancelled");
    public static readonly AuditAction ExecutionStepped = new("execution.step", "Stepped");
    public static readonly AuditAction ExecutionRetried = new("execution.retry", "Started as a retry");
    public static readonly AuditAction ExecutionCompensated = new("execution.compensate", "Compensation requested");
    public static readonly AuditAction ExecutionDeleted = new("execution.delete", "Deleted");
    public static readonly AuditAction ExecutionApproved = new("execution.approve", "Approved", NoteInRunLog: false);
    public static readonly AuditAction ExecutionRejected = new("execution.reject", "Rejected", NoteInRunLog: false);

    public static AuditAction For(Engine.Execution.ApprovalDecision decision) =>
        decision == Engine.Execution.ApprovalDecision.Approve ? ExecutionApproved : ExecutionRejected;
    public static readonly AuditAction UserCreated = new("user.create", "Created");
    public static readonly AuditAction UserChanged = new("user.update", "Changed");
    public static readonly AuditAction ApiKeyCreated = new("apikey.create", "Created");
    public static readonly AuditAction ApiKeyRevoked = new("apikey.revoke", "Revoked");
    public static readonly AuditAction SubscriptionCreated = new("subscription.create", "Created");
    public static readonly AuditAction SubscriptionDeleted = new("subscription.delete", "Deleted");

    public static IReadOnlyList<AuditAction> All { get; } =
    [
        WorkflowCreated, WorkflowUpdated, WorkflowDeleted, WorkflowImported, WorkflowRestored,
        ExecutionStarted, ExecutionPaused, ExecutionResumed, ExecutionCancelled, ExecutionStepped, ExecutionRetried,
        ExecutionCompensated, ExecutionDeleted, ExecutionApproved, ExecutionRejected, UserCreated, UserChanged, ApiKeyCreated, ApiKeyRevoked,
        SubscriptionCreated, SubscriptionDeleted,
    ];
}

/// <summary>What an action was done to.</summary>
public sealed record AuditTarget(string Type, string? Id, string? Name = null)
{
    public const string WorkflowType = "workflow";
    public const string ExecutionType = "execution";

    public static AuditTarget Workflow(Guid? id, string? name = null) => new(WorkflowType, id?.ToString(), name);
    public static AuditTarget Execution(Guid id, string? workflowName = null) => new(ExecutionType, id.ToString(), workflowName);
    public static AuditTarget User(Guid id, string userName) => new("user", id.ToString(), userName);
    public static AuditTarget ApiKey(Guid id, string name) => new("apikey", id.ToString(), name);
    /// <summary>An event subscription, named by the address it posts to (its secret is never recorded).</summary>
    public static AuditTarget Subscription(Guid id, string url) => new("subscription", id.ToString(), url);
}
