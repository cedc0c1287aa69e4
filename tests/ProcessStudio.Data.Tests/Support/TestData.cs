using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests.Support;

public static class TestData
{
    public static readonly DateTimeOffset BaseTime = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static WorkflowDefinition Workflow(string name = "Order sync", Guid? id = null, int nodeCount = 2)
    {
        var workflow = new WorkflowDefinition { Id = id ?? Guid.NewGuid(), Name = name, Description = $"{name} description" };
        workflow.Nodes.Add(new NodeDefinition { Id = "trigger", Type = "manual-trigger", Name = "Start" });
        for (var i = 1; i < nodeCount; i++)
        {
            workflow.Nodes.Add(new NodeDefinition
            {
                Id = $"log{i}", Type = "log", Name = $"Log {i}", Position = new Position(200 * i, 0),
                Settings = new JsonObject { ["message"] = "Hello {{ $input.name }}", ["level"] = "info" },
            });
            workflow.Connections.Add(new Connection(i == 1 ? "trigger" : $"log{i - 1}", "out", $"log{i}"));
        }
        return workflow;
    }

    public static ExecutionRecord Execution(Guid? workflowId = null, ExecutionStatus status = ExecutionStatus.Pending,
        DateTimeOffset? createdAt = null, ExecutionMode mode = ExecutionMode.Manual, JsonNode? input = null) => new()
    {
        Id = Guid.NewGuid(),
        WorkflowId = workflowId ?? Guid.NewGuid(),
        WorkflowVersion = 1,
        WorkflowName = "Order sync",
        Status = status,
        Mode = mode,
        Input = input ?? new JsonObject { ["customer"] = "ACME" },
        CreatedAt = createdAt ?? BaseTime,
        TotalNodes = 3,
        Breakpoints = ["log1"],
    };

    public static NodeExecutionRecord NodeExecution(ExecutionRecord execution, string nodeId, long step,
        NodeExecutionStatus status = NodeExecutionStatus.Succeeded) => new()
    {
        Id = Guid.NewGuid(),
        ExecutionId = execution.Id,
        NodeId = nodeId,
        NodeName = nodeId.ToUpperInvariant(),
        NodeType = "log",
        Step = step,
        Status = status,
        Attempts = 1,
        StartedAt = BaseTime.AddSeconds(step),
        FinishedAt = BaseTime.AddSeconds(step).AddMilliseconds(250),
        Input = new JsonObject { ["step"] = step },
        Output = new JsonObject { ["ok"] = true },
        OutputPort = "out",
        AttemptLog = [new NodeAttempt(1, BaseTime.AddSeconds(step), BaseTime.AddSeconds(step).AddMilliseconds(250), null, null, null)],
    };

    public static ExecutionLogRecord Log(ExecutionRecord execution, string message, LogLevel level = LogLevel.Information,
        string? nodeId = null, long? step = null, JsonNode? data = null) =>
        new(0, execution.Id, BaseTime, level, message, nodeId, step, data);

    public static Checkpoint Checkpoint(ExecutionRecord execution, long step, bool isActive = true) =>
        new(execution.Id, step, new JsonObject { ["stack"] = new JsonArray($"node-{step}"), ["memory"] = new JsonObject { ["count"] = step } }.ToJsonString(),
            isActive, BaseTime.AddSeconds(step));

    /// <summary>The engine's usual step: bump progress on the record and commit it with the version it last read.</summary>
    public static StepCommit Step(ExecutionRecord execution, long step, params ExecutionLogRecord[] logs) => new()
    {
        Execution = execution,
        ExpectedVersion = execution.Version,
        NodeExecutions = [NodeExecution(execution, $"node{step}", step)],
        Logs = logs,
        Checkpoint = Checkpoint(execution, step + 1),
    };
}
