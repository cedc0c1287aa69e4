using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

public sealed class LoggingTests
{
    [Fact]
    public async Task Engine_log_lines_carry_the_execution_id_and_node_lines_the_node_id()
    {
        var capture = new CapturingLoggerProvider();
        await using var host = await EngineHost.StartAsync(StoreSet.InMemory(), extra: services => services.AddLogging(b => b.AddProvider(capture)));
        var workflow = new WorkflowBuilder("logged").Trigger().Node("say", "log", new { message = "hello" }).Chain("start", "say").Build();
        var saved = await host.Workflows.SaveAsync(workflow, null, CancellationToken.None);

        var run = await host.Engine.StartAsync(new StartExecutionRequest { WorkflowId = saved.WorkflowId }, CancellationToken.None);
        while ((await host.Executions.GetAsync(run.Id, CancellationToken.None))!.Status != ExecutionStatus.Completed) await Task.Delay(10);

        var nodeLine = capture.Lines.Should().ContainSingle(l => l.Message.EndsWith(": hello")).Which;
        nodeLine.Scope["ExecutionId"].Should().Be(run.Id);
        nodeLine.Scope["NodeId"].Should().Be("say");
        var runLine = capture.Lines.Should().ContainSingle(l => l.Message.Contains("Execution completed")).Which;
        runLine.Scope["ExecutionId"].Should().Be(run.Id);
    }
}
