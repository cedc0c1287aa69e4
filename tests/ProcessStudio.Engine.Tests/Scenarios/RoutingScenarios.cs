using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>How runs flow through a graph: linear, branches, switch, loops, fan-out and joins, activation limits.</summary>
public abstract class RoutingScenarios : EngineScenarioBase
{
    [Fact]
    public async Task Linear_workflow_runs_every_node_in_order_and_ends_with_the_last_output()
    {
        var workflow = new WorkflowBuilder("linear")
            .Trigger()
            .Node("count", "set-variables", new { variables = WorkflowBuilder.Vars(("total", "{{ $input.a + $input.b }}")) })
            .Node("shape", "transform", new { fields = new { sum = "{{ $vars.total }}", text = "sum is {{ $vars.total }}", from = "{{ $node.count.total }}" } })
            .Node("log", "log", new { message = "Total {{ $json.sum }}" })
            .Chain("start", "count", "shape", "log")
            .Build();

        var run = await RunAsync(workflow, new JsonObject { ["a"] = 2, ["b"] = 3 });

        run.Status.Should().Be(ExecutionStatus.Completed);
        (await TraceAsync(run.Id)).Should().Equal("start:Succeeded:out", "count:Succeeded:out", "shape:Succeeded:out", "log:Succeeded:out");
        run.Output!.ToJsonString().Should().Be("""{"sum":5,"text":"sum is 5","from":5}""");
        run.CompletedNodes.Should().Be(4);
        var logs = await Executions.GetLogsAsync(run.Id, new Persistence.LogQuery { NodeId = "log" }, CancellationToken.None);
        logs.Items.Select(l => l.Message).Should().Equal("Total 5");
    }

    [Theory]
    [InlineData(150, "big", "small")]
    [InlineData(50, "small", "big")]
    public async Task If_runs_the_taken_branch_and_skips_the_other(int amount, string taken, string skipped)
    {
        var workflow = new WorkflowBuilder("if")
            .Trigger()
            .Node("check", "if", new { condition = "$json.amount > 100" })
            .Node("big", "log", new { message = "big" })
            .Node("small", "log", new { message = "small" })
            .Node("after-small", "log", new { message = "after" })
            .Connect("start", "check").Connect("check", "big", "true").Connect("check", "small", "false").Connect("small", "after-small")
            .Build();

        var run = await RunAsync(workflow, new JsonObject { ["amount"] = amount });

        run.Status.Should().Be(ExecutionStatus.Completed);
        var trace = await TraceAsync(run.Id);
        trace.Should().Contain($"{taken}:Succeeded:out").And.Contain($"{skipped}:Skipped");
        if (taken == "big") trace.Should().Contain("after-small:Skipped");
        else trace.Should().Contain("after-small:Succeeded:out");
    }

    [Theory]
    [InlineData("firstMatch", 15, new[] { "over10" }, new[] { "over5", "other" })]
    [InlineData("allMatches", 15, new[] { "over10", "over5" }, new[] { "other" })]
    [InlineData("firstMatch", 1, new[] { "other" }, new[] { "over10", "over5" })]
    public async Task Switch_routes_to_first_or_all_matching_cases_or_default(string mode, int value, string[] ran, string[] skipped)
    {
        var workflow = new WorkflowBuilder("switch")
            .Trigger()
            .Node("route", "switch", new
            {
                mode,
                cases = new[] { new { name = "over10", condition = "$json.v > 10" }, new { name = "over5", condition = "$json.v > 5" } },
            })
            .Node("over10", "log", new { message = "over 10" })
            .Node("over5", "log", new { message = "over 5" })
            .Node("other", "log", new { message = "other" })
            .Connect("start", "route").Connect("route", "over10", "over10").Connect("route", "over5", "over5").Connect("route", "other", "default")
            .Build();

        var run = await RunAsync(workflow, new JsonObject { ["v"] = value });

        var trace = await TraceAsync(run.Id);
        foreach (var node in ran) trace.Should().Contain($"{node}:Succeeded:out");
        foreach (var node in skipped) trace.Should().Contain($"{node}:Skipped");
    }

    [Theory]
    [InlineData("sequential")]
    [InlineData("parallel")]
    public async Task For_each_runs_the_body_per_item_with_item_and_index_and_collects_results(string mode)
    {
        var workflow = new WorkflowBuilder("for-each")
            .Trigger()
            .Node("each", "for-each", new { items = "$json.orders", mode, maxParallel = 2 })
            .Node("price", "transform", new { fields = new { id = "{{ $item.id }}", position = "{{ $index }}", total = "{{ $item.qty * 10 }}" } })
            .Node("summary", "transform", new { fields = new { results = "{{ $json }}", count = "{{ count($json) }}" } })
            .Connect("start", "each").Connect("each", "price", "item").Connect("each", "summary", "done")
            .Build();
        var orders = new JsonArray(new JsonObject { ["id"] = "a", ["qty"] = 1 }, new JsonObject { ["id"] = "b", ["qty"] = 2 }, new JsonObject { ["id"] = "c", ["qty"] = 3 });

        var run = await RunAsync(workflow, new JsonObject { ["orders"] = orders });

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!["count"]!.ToJsonString().Should().Be("3");
        run.Output!["results"]!.ToJsonString().Should().Be(
            """[{"id":"a","position":0,"total":10},{"id":"b","position":1,"total":20},{"id":"c","position":2,"total":30}]""");
        (await NodeRunsAsync(run.Id, "price")).Should().HaveCount(3).And.OnlyContain(n => n.Status == NodeExecutionStatus.Succeeded);
        var each = (await NodeRunsAsync(run.Id, "each")).Single();
        each.Status.Should().Be(NodeExecutionStatus.Succeeded);
        each.Progress.Should().Be(new NodeProgress(1, 3, 3, "Item 3 of 3"));
    }

    [Fact]
    public async Task Loop_repeats_its_body_while_the_condition_holds()
    {
        var workflow = new WorkflowBuilder("loop")
            .Variable("page", 0)
            .Trigger()
            .Node("pages", "loop", new { condition = "$vars.page < 4", maxIterations = 10 })
            .Node("next", "set-variables", new { variables = WorkflowBuilder.Vars(("page", "{{ $vars.page + 1 }}")) })
            .Node("after", "transform", new { fields = new { page = "{{ $vars.page }}", iterations = "{{ $json.iterations }}" } })
            .Connect("start", "pages").Connect("pages", "next", "loop").Connect("pages", "after", "done")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!.ToJsonString().Should().Be("""{"page":4,"iterations":4}""");
        (await NodeRunsAsync(run.Id, "next")).Should().HaveCount(4);
    }

    [Fact]
    public async Task Loop_past_its_max_iterations_fails_with_a_clear_error()
    {
        var workflow = new WorkflowBuilder("endless")
            .Trigger()
            .Node("forever", "loop", new { condition = "true", maxIterations = 3 })
            .Node("body", "log", new { message = "again" })
            .Connect("start", "forever").Connect("forever", "body", "loop")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorNodeId.Should().Be("forever");
        run.ErrorMessage.Should().Contain("maximum of 3 iterations");
        (await NodeRunsAsync(run.Id, "body")).Should().HaveCount(3);
    }

    [Fact]
    public async Task Fan_out_runs_branches_and_join_all_waits_for_every_branch()
    {
        var workflow = new WorkflowBuilder("fan-out")
            .Trigger()
            .Node("a", "transform", new { fields = new { from = "a" } })
            .Node("b", "delay", new { duration = "30ms" })
            .Node("c", "transform", new { fields = new { from = "c" } })
            .Node("join", "join", new { mode = "all" })
            .Connect("start", "a").Connect("start", "b").Connect("start", "c")
            .Connect("a", "join").Connect("b", "join").Connect("c", "join")
            .Build();

        var run = await RunAsync(workflow, new JsonObject { ["x"] = 1 });

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        (await NodeRunsAsync(run.Id, "join")).Should().ContainSingle();
        var joined = run.Output!.AsObject();
        joined.Select(p => p.Key).Should().BeEquivalentTo("a", "b", "c");
        joined["b"]!["x"]!.ToJsonString().Should().Be("1");
        var trace = await TraceAsync(run.Id);
        trace.IndexOf("join:Succeeded:out").Should().BeGreaterThan(trace.IndexOf("b:Succeeded:out"));
    }

    [Fact]
    public async Task Join_first_continues_with_the_first_arrival_only_once()
    {
        var workflow = new WorkflowBuilder("race")
            .Trigger()
            .Node("fast", "transform", new { fields = new { winner = "fast" } })
            .Node("slow", "delay", new { duration = "50ms" })
            .Node("join", "join", new { mode = "first" })
            .Node("after", "log", new { message = "{{ $json.winner }}" })
            .Connect("start", "fast").Connect("start", "slow").Connect("fast", "join").Connect("slow", "join").Connect("join", "after")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed);
        (await NodeRunsAsync(run.Id, "after")).Should().ContainSingle();
        (await NodeRunsAsync(run.Id, "join")).Single().Output!["winner"]!.GetValue<string>().Should().Be("fast");
        (await NodeRunsAsync(run.Id, "slow")).Single().Status.Should().Be(NodeExecutionStatus.Succeeded);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Join_after_an_if_never_deadlocks(bool flag)
    {
        var workflow = new WorkflowBuilder("if-join")
            .Trigger()
            .Node("check", "if", new { condition = "$json.flag" })
            .Node("yes", "transform", new { fields = new { path = "yes" } })
            .Node("no", "transform", new { fields = new { path = "no" } })
            .Node("join", "join", new { mode = "all" })
            .Connect("start", "check").Connect("check", "yes", "true").Connect("check", "no", "false")
            .Connect("yes", "join").Connect("no", "join")
            .Build();

        var run = await RunAsync(workflow, new JsonObject { ["flag"] = flag });

        run.Status.Should().Be(ExecutionStatus.Completed);
        var taken = flag ? "yes" : "no";
        run.Output!.ToJsonString().Should().Be(new JsonObject { [taken] = new JsonObject { ["path"] = taken } }.ToJsonString());
    }

    [Fact]
    public async Task A_node_with_two_incoming_links_and_no_join_runs_once_per_arrival()
    {
        var workflow = new WorkflowBuilder("two-arrivals")
            .Trigger()
            .Node("a", "transform", new { fields = new { from = "a" } })
            .Node("b", "transform", new { fields = new { from = "b" } })
            .Node("both", "log", new { message = "from {{ $json.from }}" })
            .Connect("start", "a").Connect("start", "b").Connect("a", "both").Connect("b", "both")
            .Build();

        var run = await RunAsync(workflow);

        var runs = await NodeRunsAsync(run.Id, "both");
        runs.Select(r => r.Input!["from"]!.GetValue<string>()).Should().BeEquivalentTo("a", "b");
    }

    [Fact]
    public async Task A_hand_drawn_retry_cycle_runs_until_its_exit_condition()
    {
        var workflow = new WorkflowBuilder("cycle")
            .Variable("tries", 0)
            .Trigger()
            .Node("attempt", "set-variables", new { variables = WorkflowBuilder.Vars(("tries", "{{ $vars.tries + 1 }}")) })
            .Node("done?", "if", new { condition = "$vars.tries >= 3" })
            .Node("finish", "transform", new { fields = new { tries = "{{ $vars.tries }}" } })
            .Connect("start", "attempt").Connect("attempt", "done?").Connect("done?", "attempt", "false").Connect("done?", "finish", "true")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!["tries"]!.ToJsonString().Should().Be("3");
        (await NodeRunsAsync(run.Id, "attempt")).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_runaway_cycle_is_stopped_by_the_activation_limit()
    {
        var workflow = new WorkflowBuilder("runaway")
            .Settings(s => s.MaxActivations = 50)
            .Trigger()
            .Node("ping", "log", new { level = "debug", message = "ping" })
            .Node("pong", "log", new { level = "debug", message = "pong" })
            .Connect("start", "ping").Connect("ping", "pong").Connect("pong", "ping")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorMessage.Should().Contain("limit of 50 node activations");
        (await Executions.GetNodeExecutionsAsync(run.Id, CancellationToken.None)).Count(n => n.Status == NodeExecutionStatus.Succeeded).Should().Be(50);
    }

    [Fact]
    public async Task Fail_node_ends_the_run_as_failed_with_its_message()
    {
        var workflow = new WorkflowBuilder("fail")
            .Trigger()
            .Node("stop", "fail", new { message = "Order {{ $json.id }} has no items" })
            .Chain("start", "stop")
            .Build();

        var run = await RunAsync(workflow, new JsonObject { ["id"] = 7 });

        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorNodeId.Should().Be("stop");
        run.ErrorMessage.Should().Contain("Order 7 has no items");
        run.FailedNodes.Should().Be(1);
    }

    [Fact]
    public async Task Variables_start_from_defaults_overridden_by_input_fields()
    {
        var workflow = new WorkflowBuilder("vars")
            .Variable("region", "eu").Variable("limit", 10)
            .Trigger()
            .Node("read", "transform", new { fields = new { region = "{{ $vars.region }}", limit = "{{ $vars.limit }}" } })
            .Chain("start", "read")
            .Build();

        var run = await RunAsync(workflow, new JsonObject { ["limit"] = 99 });

        run.Output!.ToJsonString().Should().Be("""{"region":"eu","limit":99}""");
    }
}

public sealed class InMemoryRoutingScenarios : RoutingScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
