using ProcessStudio.Data.Entities;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Mapping;

internal static class WorkflowMapping
{
    public static WorkflowVersion ToRecord(this WorkflowVersionEntity e) =>
        new(ToGuid(e.WorkflowId), e.Version, WorkflowJson.Deserialize(e.Definition), ToTime(e.CreatedAt), e.Comment);

    public static WorkflowVersionInfo ToInfo(this WorkflowVersionEntity e) =>
        new(ToGuid(e.WorkflowId), e.Version, ToTime(e.CreatedAt), e.Comment, e.NodeCount);
}
