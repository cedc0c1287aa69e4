using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Persistence;

public interface IWorkflowStore
{
    Task<IReadOnlyList<WorkflowSummary>> ListAsync(string? search, CancellationToken cancellationToken);
    Task<WorkflowVersion?> GetLatestAsync(Guid workflowId, CancellationToken cancellationToken);
    /// <summary>The number of the latest version without loading it (versions never change, so callers cache the rest); null for an unknown workflow.</summary>
    Task<int?> GetLatestVersionNumberAsync(Guid workflowId, CancellationToken cancellationToken);
    Task<WorkflowVersion?> GetVersionAsync(Guid workflowId, int version, CancellationToken cancellationToken);
    Task<IReadOnlyList<WorkflowVersionInfo>> ListVersionsAsync(Guid workflowId, CancellationToken cancellationToken);
    /// <summary>Saves a new version (creating the workflow when its id is new) and returns it.</summary>
    Task<WorkflowVersion> SaveAsync(WorkflowDefinition definition, string? comment, CancellationToken cancellationToken) =>
        SaveAsync(definition, comment, ExpectedVersion.Any, cancellationToken);

    /// <summary>
    /// Saves a new version only when the stored workflow meets <paramref name="expected"/>, checked in the same
    /// transaction as the write; otherwise throws <see cref="WorkflowVersionConflictException"/>.
    /// </summary>
    Task<WorkflowVersion> SaveAsync(WorkflowDefinition definition, string? comment, ExpectedVersion expected, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(Guid workflowId, CancellationToken cancellationToken) => DeleteAsync(workflowId, ExpectedVersion.Any, cancellationToken);

    /// <summary>Deletes the workflow when it meets <paramref name="expected"/> (false when absent); a version mismatch throws <see cref="WorkflowVersionConflictException"/>.</summary>
    Task<bool> DeleteAsync(Guid workflowId, ExpectedVersion expected, CancellationToken cancellationToken);
}
