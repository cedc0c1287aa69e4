using Microsoft.AspNetCore.SignalR;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Hubs;

/// <summary>
/// /hubs/executions: clients join the group of one execution, of a workflow (all its runs) or of all executions, and
/// receive <c>executionUpdate</c>, <c>nodeUpdate</c> and <c>log</c> messages. See docs/live-api.md.
/// </summary>
public sealed class ExecutionsHub(LiveConnections connections, LiveConnectionFactory connectionFactory, IExecutionStore executions,
    IWorkflowStore workflows, TimeProvider clock) : Hub
{
    /// <summary>Joins one run's group and returns its current state, so the client starts from where the run is.</summary>
    public async Task<ExecutionUpdate> JoinExecution(string executionId)
    {
        var id = ParseId(executionId, "an execution");
        var record = await executions.GetAsync(id, Context.ConnectionAborted)
            ?? throw new HubException($"Execution '{executionId}' does not exist.");
        Connection.JoinExecution(id);
        return LiveMessageMapper.ToUpdate(record, clock.GetUtcNow());
    }

    public void LeaveExecution(string executionId) => Connection.LeaveExecution(ParseId(executionId, "an execution"));

    /// <summary>Joins the group of every run of a workflow, including runs started later.</summary>
    public async Task JoinWorkflow(string workflowId)
    {
        var id = ParseId(workflowId, "a workflow");
        _ = await workflows.GetLatestAsync(id, Context.ConnectionAborted)
            ?? throw new HubException($"Workflow '{workflowId}' does not exist.");
        Connection.JoinWorkflow(id);
    }

    public void LeaveWorkflow(string workflowId) => Connection.LeaveWorkflow(ParseId(workflowId, "a workflow"));

    public void JoinAll() => Connection.JoinAll();

    public void LeaveAll() => Connection.LeaveAll();

    public override Task OnConnectedAsync()
    {
        connections.Add(connectionFactory.Create(Context));
        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (connections.Remove(Context.ConnectionId) is { } connection) await connection.DisposeAsync();
    }

    private LiveConnection Connection =>
        connections.Find(Context.ConnectionId) ?? throw new HubException("This connection is closing.");

    private static Guid ParseId(string value, string kind) =>
        Guid.TryParse(value, out var id) ? id : throw new HubException($"'{value}' is not {kind} id (expected a GUID).");
}
