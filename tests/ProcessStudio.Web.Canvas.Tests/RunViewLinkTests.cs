using System.Text.Json.Nodes;
using Bunit;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Ui.Canvas;
using ProcessStudio.Web.Ui.Live;

namespace ProcessStudio.Web.Canvas.Tests;

/// <summary>The run view's links say how many items went over them, up to the replay moment while replaying; pins show on nodes.</summary>
public sealed class RunViewLinkTests : CanvasTestContext
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly WorkflowDefinition Flow = new()
    {
        Id = Guid.NewGuid(),
        Name = "Flow",
        Nodes = [Node("start", "manual", 0, 0), Node("branch", "if", 300, 0), Node("log", "log", 600, 0), Node("other", "log", 600, 200)],
        Connections = [new Connection("start", "out", "branch"), new Connection("branch", "true", "log"), new Connection("branch", "false", "other")],
    };

    private static NodeExecutionRecord Finished(string nodeId, string port, JsonNode? output, int second) => new()
    {
        Id = Guid.NewGuid(), NodeId = nodeId, NodeName = nodeId, Status = NodeExecutionStatus.Succeeded, OutputPort = port, Output = output,
        StartedAt = T0.AddSeconds(second), FinishedAt = T0.AddSeconds(second + 1),
    };

    private static LinkItemCounts Counts()
    {
        var counts = new LinkItemCounts();
        counts.Reset([
            Finished("start", "out", new JsonArray(1, 2, 3), 0),
            Finished("branch", "true", new JsonObject { ["ok"] = true }, 2),
            Finished("branch", "true", new JsonArray(4, 5), 4),   // a second activation of the same node adds up
        ]);
        return counts;
    }

    [Fact]
    public void Counts_are_array_lengths_or_one_per_activation_summed_per_link_and_untaken_ports_have_none()
    {
        var counts = Counts().For(Flow);

        counts.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            [Flow.Connections[0].Id] = 3,
            [Flow.Connections[1].Id] = 3,
        });
    }

    [Fact]
    public void A_replay_counts_only_what_had_finished_by_its_moment()
    {
        Counts().For(Flow, until: T0.AddSeconds(3)).Should().BeEquivalentTo(new Dictionary<string, int>
        {
            [Flow.Connections[0].Id] = 3,
            [Flow.Connections[1].Id] = 1,
        });
    }

    [Fact]
    public void The_same_activation_seen_in_the_snapshot_and_in_an_event_counts_once()
    {
        var counts = new LinkItemCounts();
        var record = Finished("start", "out", new JsonArray(1, 2), 0);
        counts.Reset([record]);

        counts.Record(record.Id, "start", "out", 2, T0.AddSeconds(1));

        counts.For(Flow)[Flow.Connections[0].Id].Should().Be(2);
    }

    [Fact]
    public void The_read_only_canvas_labels_each_link_with_its_item_count()
    {
        var cut = Render<WorkflowCanvas>(p => p.Add(c => c.Workflow, Flow).Add(c => c.ReadOnly, true).Add(c => c.LinkItemCounts, Counts().For(Flow)));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=link-items]").Select(t => t.TextContent).Should().BeEquivalentTo(["3 items", "3 items"]));
        cut.Find(".clink-group[data-from='start'] [data-testid=link-items]").TextContent.Should().Be("3 items");
        cut.FindAll(".clink-group[data-to='other'] [data-testid=link-items]").Should().BeEmpty("nothing went over the false port");

        cut.Render(p => p.Add(c => c.LinkItemCounts, new Dictionary<string, int> { [Flow.Connections[0].Id] = 1 }));
        cut.Find(".clink-group[data-from='start'] [data-testid=link-items]").TextContent.Should().Be("1 item");
    }

    [Fact]
    public async Task A_node_with_a_pinned_output_carries_the_pin_marker()
    {
        var session = Session(new WorkflowDefinition { Id = Guid.NewGuid(), Name = "Pins", Nodes = [Node("start", "manual", 0, 0), Node("log", "log", 300, 0)] });
        var cut = RenderCanvas(session);
        cut.FindAll("[data-testid=pinned-marker]").Should().BeEmpty();

        await cut.InvokeAsync(() => session.UpdateNode("log", "Pin output", n => n.PinnedOutput = new JsonObject { ["ok"] = true }));

        cut.Find("[aria-label='log'] [data-testid=pinned-marker]").Should().NotBeNull();
        await cut.InvokeAsync(session.Undo);
        cut.FindAll("[data-testid=pinned-marker]").Should().BeEmpty();
    }
}
