using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>
/// Data nodes inside real runs: Merge waits for both branches through the engine's join (a branch not taken counts as
/// arrived with no items), and a pipeline of several Data nodes hands whole arrays from one to the next.
/// </summary>
public abstract class DataNodeScenarios : EngineScenarioBase
{
    private static readonly JsonObject Input = new()
    {
        ["customers"] = JsonNode.Parse("""[ { "id": 1, "name": "Ann" }, { "id": 2, "name": "Bob" }, { "id": 3, "name": "Cy" } ]"""),
        ["orders"] = JsonNode.Parse("""[ { "customerId": 2, "total": 40 }, { "customerId": 1, "total": 100 }, { "customerId": 9, "total": 5 } ]"""),
    };

    /// <summary>Two branches from the trigger into one Merge: "people" gives the customers (delayed, so it arrives last), "sales" the orders.</summary>
    private static WorkflowBuilder TwoBranches(object mergeSettings) => new WorkflowBuilder("merge")
        .Trigger()
        .Node("wait", "delay", new { duration = "30ms" })
        .Node("people", "filter", new { items = "$json.customers", mode = "expression", expression = "true" })
        .Node("sales", "limit", new { items = "$json.orders", count = 10 })
        .Node("merge", "merge", mergeSettings)
        .Connect("start", "wait").Connect("wait", "people").Connect("start", "sales")
        .Connect("sales", "merge").Connect("people", "merge");

    [Fact]
    public async Task Merge_by_key_waits_for_both_branches_and_joins_matching_items()
    {
        var run = await RunAsync(TwoBranches(new { mode = "byKey", input1 = "people", key1 = "id", key2 = "customerId", join = "allInput1" }).Build(), Input);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        (await NodeRunsAsync(run.Id, "merge")).Should().ContainSingle();
        run.Output!.ToJsonString().Should().Be(
            """[{"id":1,"name":"Ann","customerId":1,"total":100},{"id":2,"name":"Bob","customerId":2,"total":40},{"id":3,"name":"Cy"}]""");
    }

    [Theory]
    [InlineData("append", 6)]
    [InlineData("byPosition", 3)]
    [InlineData("wait", 3)]
    public async Task Merge_modes_combine_the_inputs_in_the_order_the_links_were_drawn(string mode, int count)
    {
        var run = await RunAsync(TwoBranches(new { mode }).Build(), Input);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var items = run.Output!.AsArray();
        items.Should().HaveCount(count);
        items[0]!["customerId"]!.GetValue<int>().Should().Be(2, "input 1 is 'sales', whose link to the Merge was drawn first");
        if (mode == "byPosition") items[0]!["name"]!.GetValue<string>().Should().Be("Ann");
    }

    [Fact]
    public async Task Merge_after_an_if_runs_with_the_taken_branch_only()
    {
        var workflow = new WorkflowBuilder("merge-if")
            .Trigger()
            .Node("check", "if", new { condition = "$json.vip" })
            .Node("vip", "transform", new { fields = new { tier = "gold" } })
            .Node("plain", "transform", new { fields = new { tier = "none" } })
            .Node("merge", "merge", new { mode = "append" })
            .Connect("start", "check").Connect("check", "vip", "true").Connect("check", "plain", "false")
            .Connect("vip", "merge").Connect("plain", "merge")
            .Build();

        var run = await RunAsync(workflow, new JsonObject { ["vip"] = true });

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!.ToJsonString().Should().Be("""[{"tier":"gold"}]""");
    }

    [Fact]
    public async Task Merge_with_three_incoming_branches_fails_naming_them()
    {
        var workflow = TwoBranches(new { mode = "append" }).Node("third", "log", new { message = "x" }).Connect("start", "third").Connect("third", "merge").Build();

        var run = await RunAsync(workflow, Input);

        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorMessage.Should().Contain("Merge needs exactly two incoming branches, but has 3 ('sales', 'people', 'third').");
    }

    [Fact]
    public async Task A_pipeline_of_data_nodes_passes_whole_arrays_along()
    {
        var workflow = new WorkflowBuilder("pipeline")
            .Trigger()
            .Node("parse", "csv", new { text = "{{ $json.csv }}" })
            .Node("paid", "filter", new { conditions = new[] { new { field = "status", @operator = "equals", value = "paid" } } })
            .Node("dedupe", "remove-duplicates", new { compare = "fields", fields = new[] { "invoice" } })
            .Node("totals", "aggregate", new { groupBy = new[] { "customer" }, aggregations = new[] { new { operation = "sum", field = "amount", @as = "total" } } })
            .Node("sort", "sort", new { keys = new[] { new { field = "total", direction = "desc" } } })
            .Node("top", "limit", new { count = 1 })
            .Chain("start", "parse", "paid", "dedupe", "totals", "sort", "top")
            .Build();
        var csv = "invoice,customer,amount,status\n1,ann,10,paid\n2,bob,25,paid\n2,bob,25,paid\n3,ann,20,paid\n4,bob,99,open\n";

        var run = await RunAsync(workflow, new JsonObject { ["csv"] = csv });

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!.ToJsonString().Should().Be("""[{"customer":"ann","total":30}]""");
    }
}

public sealed class InMemoryDataNodeScenarios : DataNodeScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
