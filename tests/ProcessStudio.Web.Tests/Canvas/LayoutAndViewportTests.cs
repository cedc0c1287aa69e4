using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Canvas;
using ProcessStudio.Web.Ui.Designer;

namespace ProcessStudio.Web.Tests.Canvas;

public sealed class LayoutAndViewportTests
{
    private static NodeDefinition Node(string id) => new() { Id = id, Name = id, Type = "log", Position = new Position(0, 0) };

    [Fact]
    public void Auto_layout_puts_each_node_in_a_layer_after_its_sources_even_with_a_loop()
    {
        var workflow = new WorkflowDefinition
        {
            Nodes = [Node("start"), Node("a"), Node("b"), Node("end")],
            Connections =
            [
                new Connection("start", "out", "a"),
                new Connection("start", "out", "b"),
                new Connection("a", "out", "end"),
                new Connection("b", "out", "end"),
                new Connection("end", "out", "start"), // loop back
            ],
        };

        var positions = LayeredLayout.Arrange(workflow, _ => 80);

        positions["start"].X.Should().BeLessThan(positions["a"].X);
        positions["a"].X.Should().Be(positions["b"].X);
        positions["end"].X.Should().BeGreaterThan(positions["a"].X);
        positions["a"].Y.Should().NotBe(positions["b"].Y);
    }

    [Fact]
    public void Laying_out_twice_gives_the_same_positions()
    {
        var workflow = new WorkflowDefinition
        {
            Nodes = [Node("start"), Node("check"), Node("yes"), Node("no"), Node("end")],
            Connections =
            [
                new Connection("start", "out", "check"),
                new Connection("check", "true", "yes"),
                new Connection("check", "false", "no"),
                new Connection("no", "out", "end"),
                new Connection("yes", "out", "end"),
            ],
        };

        var first = LayeredLayout.Arrange(workflow, _ => 80);
        foreach (var node in workflow.Nodes) node.Position = first[node.Id];
        var second = LayeredLayout.Arrange(workflow, _ => 80);

        second.Should().BeEquivalentTo(first);
    }

    [Fact]
    public void Fit_shows_the_whole_bounds_inside_the_screen()
    {
        var bounds = new Rect(100, 100, 2000, 500);

        var viewport = Viewport.Fit(bounds, 1000, 600);

        var visible = viewport.Visible(1000, 600);
        visible.X.Should().BeLessThanOrEqualTo(bounds.X);
        visible.Right.Should().BeGreaterThanOrEqualTo(bounds.Right);
        visible.Y.Should().BeLessThanOrEqualTo(bounds.Y);
        visible.Bottom.Should().BeGreaterThanOrEqualTo(bounds.Bottom);
    }

    [Fact]
    public void Zooming_around_a_point_keeps_that_point_still()
    {
        var viewport = new Viewport(50, 30, 1);

        var zoomed = viewport.ZoomAround(1.5, 400, 300);

        var worldBefore = ((400 - viewport.X) / viewport.Zoom, (300 - viewport.Y) / viewport.Zoom);
        var worldAfter = ((400 - zoomed.X) / zoomed.Zoom, (300 - zoomed.Y) / zoomed.Zoom);
        worldAfter.Item1.Should().BeApproximately(worldBefore.Item1, 1e-9);
        worldAfter.Item2.Should().BeApproximately(worldBefore.Item2, 1e-9);
    }
}
