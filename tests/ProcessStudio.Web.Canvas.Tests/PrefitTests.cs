using System.Globalization;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Canvas;
using Rect = ProcessStudio.Web.Ui.Canvas.Rect;

namespace ProcessStudio.Web.Canvas.Tests;

/// <summary>
/// The canvas before the browser has reported its size (a prerendered page, or the circuit's first render): the nodes
/// are drawn at once, placed by the CSS fit; once the size is known the server's fit takes over with the same values.
/// </summary>
public sealed class PrefitTests : CanvasTestContext
{
    private readonly WorkflowDefinition _workflow = new()
    {
        Id = Guid.NewGuid(),
        Name = "Flow",
        Nodes = [Node("start", "manual", -100, 40), Node("log", "log", 900, 600)],
        Connections = [new Connection("start", "out", "log")],
    };

    [Fact]
    public void Before_the_size_is_known_the_nodes_and_links_are_drawn_with_the_workflow_bounds_for_the_css_fit_and_nothing_is_pressable_yet()
    {
        // This render's size request never answers, as while the page is prerendered or the circuit just started.
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true);

        var cut = RenderCanvas(Session(_workflow));

        cut.FindAll("[aria-roledescription='node']").Select(n => n.GetAttribute("aria-label")).Should().BeEquivalentTo(["start", "log"]);
        cut.FindAll(".clink-hit").Should().ContainSingle();
        var canvas = cut.Find(".canvas");
        canvas.ClassList.Should().Contain("prefit").And.NotContain("fitted");
        var log = cut.Instance.Diagram.Nodes.OfType<WorkflowNodeModel>().Single(n => n.Id == "log");
        canvas.GetAttribute("style").Should().Contain("--fit-x:-100px;--fit-y:40px;")
            .And.Contain(Invariant($"--fit-w:{1000 + CanvasGeometry.NodeWidth}px;--fit-h:{560 + log.Size!.Height}px;"));
    }

    [Fact]
    public void Once_the_size_is_known_the_server_fits_the_same_bounds_and_the_css_fit_is_dropped()
    {
        var cut = RenderCanvas(Session(_workflow));

        cut.WaitForAssertion(() => cut.Find(".canvas").ClassList.Should().Contain("fitted").And.NotContain("prefit"));
        cut.Find(".canvas").HasAttribute("style").Should().BeFalse();
        var log = cut.Instance.Diagram.Nodes.OfType<WorkflowNodeModel>().Single(n => n.Id == "log");
        var expected = Viewport.Fit(new Rect(-100, 40, 1000 + CanvasGeometry.NodeWidth, 560 + log.Size!.Height), 1200, 800);
        cut.Instance.Diagram.Zoom.Should().BeApproximately(expected.Zoom, 1e-9);
        cut.Instance.Diagram.Pan.X.Should().BeApproximately(expected.X, 1e-9);
        cut.Instance.Diagram.Pan.Y.Should().BeApproximately(expected.Y, 1e-9);
        cut.Find(".diagram-html-layer").GetAttribute("style").Should().Contain(Invariant($"scale({expected.Zoom})"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
