using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>
/// What a run carries: For Each over many items (a cursor, results in item order, across a restart), the activation
/// limit counted per loop iteration, and the size limits on node outputs, the run input and the run's memory.
/// </summary>
public abstract class DataPlaneScenarios : EngineScenarioBase
{
    private const int SmallActivationLimit = 50;
    private const long OneMiB = 1024 * 1024;

    protected override void ConfigureEngine(EngineOptions options)
    {
        options.DefaultMaxActivations = SmallActivationLimit;
        options.MaxNodeOutputBytes = OneMiB;
        options.MaxRunInputBytes = 16 * 1024;
        options.MaxRunStateBytes = 64 * 1024;
    }

    protected static JsonObject Items(int count) => new()
    {
        ["items"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["id"] = i, ["name"] = $"item {i}" })]),
    };

    protected static WorkflowDefinition Doubling(string mode = "sequential", string bodyType = "transform", object? bodySettings = null) =>
        new WorkflowBuilder("for each")
            .Trigger()
            .Node("each", "for-each", new { items = "$json.items", mode, maxParallel = 4 })
            .Node("double", bodyType, bodySettings ?? new { fields = new { id = "{{ $item.id }}", doubled = "{{ $item.id * 2 }}" } })
            .Connect("start", "each").Connect("each", "double", "item")
            .Build();

    [Fact]
    public async Task A_for_each_larger_than_the_activation_limit_completes_because_each_iteration_counts_its_own()
    {
        var items = SmallActivationLimit * 3;

        var run = await RunAsync(Doubling(), new JsonObject { ["items"] = Items(items)["items"]!.DeepClone() });

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!.AsArray().Select(r => r!["doubled"]!.ToJsonString()).Should().Equal(Enumerable.Range(0, items).Select(i => $"{i * 2}"));
    }

    [Fact]
    public async Task A_parallel_for_each_returns_every_result_in_item_order()
    {
        var run = await RunAsync(Doubling(mode: "parallel"), Items(40));

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!.AsArray().Select(r => r!["id"]!.ToJsonString()).Should().Equal(Enumerable.Range(0, 40).Select(i => $"{i}"));
    }

    [Theory]
    [InlineData("transform")]
    [InlineData("code")]
    public async Task Parallel_iterations_that_read_node_outputs_see_them_whole_while_other_iterations_write_theirs(string readerType)
    {
        // The run no longer copies $node for every step: only while a node that can read it runs. A reader (an
        // expression naming $node, or a script) must still see every output whole and unchanged while others finish.
        object reader = readerType == "code"
            ? new { code = "return { id: $item.id, count: $node.start.items.length, last: $node.start.items[39].id };" }
            : new { fields = new { id = "{{ $item.id }}", count = "{{ $node.start.items.length }}", last = "{{ $node.start.items[39].id }}" } };
        var workflow = new WorkflowBuilder("readers")
            .Trigger()
            .Node("each", "for-each", new { items = "$json.items", mode = "parallel", maxParallel = 4 })
            .Node("wait", "transform", new { fields = new { id = "{{ $item.id }}" } })
            .Node("read", readerType, reader)
            .Connect("start", "each").Connect("each", "wait", "item").Connect("wait", "read")
            .Build();

        var run = await RunAsync(workflow, Items(40));

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var results = run.Output!.AsArray().Select(r => r!.AsObject()).ToList();
        results.Select(r => r["id"]!.ToJsonString()).Should().Equal(Enumerable.Range(0, 40).Select(i => $"{i}"));
        results.Should().OnlyContain(r => r["count"]!.ToJsonString() == "40" && r["last"]!.ToJsonString() == "39");
    }

    [Fact]
    public async Task A_for_each_paused_mid_way_resumes_in_a_new_engine_with_its_items_and_earlier_results()
    {
        var workflow = Doubling(bodyType: "delay", bodySettings: new { duration = "150ms" });
        var run = await StartAsync(workflow, Items(6));
        await WaitForProgressAsync(run.Id, atLeast: 2);
        await Engine.PauseAsync(run.Id, CancellationToken.None);

        await RestartHostAsync();
        await Engine.ResumeAsync(run.Id, CancellationToken.None);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!.AsArray().Select(r => r!["id"]!.ToJsonString()).Should().Equal(Enumerable.Range(0, 6).Select(i => $"{i}"), "a Delay passes its item on");
        (await NodeRunsAsync(run.Id, "double")).Should().HaveCount(6, "no finished iteration ran twice");
    }

    [Fact]
    public async Task A_for_each_record_keeps_the_input_it_started_with()
    {
        var run = await RunAsync(Doubling(), Items(5));

        var each = (await NodeRunsAsync(run.Id, "each")).Should().ContainSingle().Subject;
        each.Input!["items"]!.AsArray().Should().HaveCount(5, "the record is written once per item, its input only the first time");
        each.Output!.AsArray().Should().HaveCount(5);
    }

    [Fact]
    public async Task An_expression_that_builds_a_huge_value_fails_its_node_at_the_limit_without_building_it()
    {
        var workflow = new WorkflowBuilder("hostile")
            .Trigger()
            .Node("t", "transform", new { fields = new { big = "{{ map(range(100), x => repeat('a', 999999)) }}" } }, n => n.Name = "Hostile")
            .Chain("start", "t")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorNodeId.Should().Be("t");
        run.ErrorMessage.Should().Contain("Node 'Hostile' failed").And.Contain("Engine:MaxNodeOutputBytes");
    }

    [Fact]
    public async Task A_node_whose_output_is_over_the_limit_fails_naming_the_node_and_the_limit()
    {
        var workflow = new WorkflowBuilder("big output")
            .Trigger()
            .Node("t", "transform", new
            {
                fields = new { a = "{{ repeat('a', 400000) }}", b = "{{ repeat('b', 400000) }}", c = "{{ repeat('c', 400000) }}" },
            }, n => n.Name = "Three parts")
            .Chain("start", "t")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorMessage.Should().Contain("The output of node 'Three parts' is larger than 1 MiB").And.Contain("Engine:MaxNodeOutputBytes");
        (await NodeRunsAsync(run.Id, "t")).Single().Status.Should().Be(NodeExecutionStatus.Failed);
    }

    [Fact]
    public async Task An_output_over_the_limit_continues_on_the_error_port_when_the_node_continues_on_error()
    {
        var workflow = new WorkflowBuilder("continue")
            .Trigger()
            .Node("t", "transform", new { fields = new { a = "{{ repeat('a', 600000) }}", b = "{{ repeat('b', 600000) }}" } },
                n => n.Policy.ContinueOnError = true)
            .Node("handled", "transform", new { fields = new { message = "{{ $json.message }}" } })
            .Connect("start", "t").Connect("t", "handled", "error")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!["message"]!.GetValue<string>().Should().Contain("Engine:MaxNodeOutputBytes");
    }

    [Fact]
    public async Task A_run_input_over_the_limit_fails_the_trigger_naming_the_limit()
    {
        var run = await RunAsync(new WorkflowBuilder("input").Trigger().Build(), new JsonObject { ["blob"] = new string('x', 20_000) });

        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorNodeId.Should().Be("start");
        run.ErrorMessage.Should().Contain("The run input is larger than 16 KiB").And.Contain("Engine:MaxRunInputBytes");
    }

    [Fact]
    public async Task The_node_that_would_take_the_run_memory_over_its_limit_fails_naming_it()
    {
        var part = new { fields = new { text = "{{ repeat('x', 30000) }}" } };
        var workflow = new WorkflowBuilder("memory")
            .Trigger()
            .Node("a", "transform", part).Node("b", "transform", part).Node("c", "transform", part, n => n.Name = "Third")
            .Chain("start", "a", "b", "c")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorNodeId.Should().Be("c");
        run.ErrorMessage.Should().Contain("node 'Third'").And.Contain("Engine:MaxRunStateBytes");
    }

    private async Task WaitForProgressAsync(Guid executionId, int atLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await NodeRunsAsync(executionId, "double")).Count(n => n.Status == NodeExecutionStatus.Succeeded) < atLeast)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The For Each of {executionId} did not reach {atLeast} finished items.");
            await Task.Delay(10);
        }
    }
}

public sealed class InMemoryDataPlaneScenarios : DataPlaneScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
