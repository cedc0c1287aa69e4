using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Validation;

public enum ProblemSeverity { Error, Warning }

/// <summary>A problem found in a workflow. It names the node (and setting or connection) it belongs to, so the UI can point at it.</summary>
public sealed record ValidationProblem(
    string Code,
    string Message,
    string? NodeId = null,
    string? Setting = null,
    string? ConnectionId = null,
    ProblemSeverity Severity = ProblemSeverity.Error);

public interface IWorkflowValidator
{
    IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition workflow);
}
