using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>The runs a run started (sub-workflow runs, its error workflow run), for the monitor's "Child runs" tab.</summary>
public sealed class ChildRuns(IExecutionStore store)
{
    public const int Limit = 200;

    public async Task<IReadOnlyList<ExecutionRecord>> LoadAsync(Guid parentId, CancellationToken cancellationToken) =>
        (await store.QueryAsync(new ExecutionQuery { ParentExecutionId = parentId, Descending = false, Limit = Limit }, cancellationToken)).Items;

    /// <summary>Changes whenever the parent may have started or finished waiting for a child, so the list is only reloaded then.</summary>
    public static (ExecutionStatus, int, int) RefreshKey(ExecutionRecord parent) => (parent.Status, parent.CompletedNodes, parent.FailedNodes);

    public static string Relation(ExecutionRecord child) => child.Mode switch
    {
        ExecutionMode.ErrorWorkflow => "Error workflow",
        ExecutionMode.SubWorkflow => "Sub-workflow",
        _ => child.Mode.ToString(),
    };
}
