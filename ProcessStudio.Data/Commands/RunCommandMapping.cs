using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Commands;

internal static class RunCommandMapping
{
    public static RunCommandEntity ToEntity(this RunCommand command) => new()
    {
        Id = Id(command.Id),
        ExecutionId = Id(command.ExecutionId),
        Kind = (int)command.Kind,
        NodeId = command.NodeId,
        Payload = Json(command.Payload),
        CreatedAt = Time(command.CreatedAt),
        State = (int)RunCommandState.Pending,
    };

    public static RunCommand ToCommand(this RunCommandEntity row) =>
        new(ToGuid(row.Id), ToGuid(row.ExecutionId), (RunCommandKind)row.Kind, row.NodeId, ToJsonNode(row.Payload), ToTime(row.CreatedAt));

    public static RunCommandProgress ToProgress(this RunCommandEntity row) =>
        new((RunCommandState)row.State, row.Result is { } result
            ? new RunCommandOutcome((RunCommandResult)result, (ExecutionStatus?)row.Status, row.Message, row.Subject)
            : null);
}
