using Bunit;
using Microsoft.AspNetCore.Components.Web;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Canvas;
using ProcessStudio.Web.Ui.Designer;
using Position = ProcessStudio.Engine.Model.Position;

namespace ProcessStudio.Web.Canvas.Tests;

/// <summary>Group frames on the canvas: the label moves the whole group as one undoable edit, renames in place, and the frame follows its nodes.</summary>
public sealed class GroupFrameTests : CanvasTestContext
{
    private readonly DesignerSession _session = Session(new WorkflowDefinition
    {
        Id = Guid.NewGuid(),
        Name = "Flow",
        Nodes = [Node("start", "manual", 0, 0), Node("a", "log", 300, 0), Node("b", "log", 300, 200), Node("outside", "log", 700, 0)],
        Connections = [new Connection("start", "out", "a"), new Connection("start", "out", "b"), new Connection("a", "out", "outside")],
        Groups = [new NodeGroup { Name = "Payments", Nodes = ["a", "b"] }, new NodeGroup { Name = "Other", Nodes = ["outside"] }],
    });

    private Position At(string id) => _session.Workflow.FindNode(id)!.Position;

    [Fact]
    public void Dragging_the_frame_moves_every_node_of_the_group_snapped_as_one_undoable_move()
    {
        var cut = RenderCanvas(_session);
        var handle = cut.WaitForElement(".group-frame-handle[data-group='Payments']");
        handle.GetAttribute("data-nodes").Should().Be("a b", "canvas.js previews the drag with these nodes");
        var frameBefore = cut.Find(".group-frame[data-group='Payments']").GetAttribute("style");

        cut.InvokeAsync(() => cut.Instance.GroupDragged("Payments", 41, 18));

        At("a").Should().Be(new Position(340, 20));
        At("b").Should().Be(new Position(340, 220));
        At("outside").Should().Be(new Position(700, 0));
        At("start").Should().Be(new Position(0, 0));
        _session.History.UndoLabel.Should().Be("Move group 'Payments'");
        _session.SelectedNodeIds.Should().BeEquivalentTo(["a", "b"]);
        cut.WaitForAssertion(() => cut.Find(".group-frame[data-group='Payments']").GetAttribute("style").Should().NotBe(frameBefore, "the frame follows its nodes"));

        _session.Undo();

        At("a").Should().Be(new Position(300, 0));
        At("b").Should().Be(new Position(300, 200));
        _session.History.CanUndo.Should().BeFalse("the whole group moved in one edit");
    }

    [Fact]
    public void Arrow_keys_on_the_label_move_the_group_by_one_grid_step()
    {
        var cut = RenderCanvas(_session);

        cut.WaitForElement(".group-frame-handle[data-group='Payments']").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });

        At("a").Should().Be(new Position(300, CanvasGeometry.Grid));
        At("b").Should().Be(new Position(300, 200 + CanvasGeometry.Grid));
        At("outside").Should().Be(new Position(700, 0));
    }

    [Fact]
    public void Double_clicking_the_label_renames_the_group_in_place_and_a_taken_name_is_refused_with_the_reason()
    {
        var cut = RenderCanvas(_session);
        cut.WaitForElement(".group-frame-handle[data-group='Payments']").DoubleClick();

        var input = cut.Find(".group-frame-rename");
        input.Input("Other");
        input.KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.Find(".group-frame-error").TextContent.Should().Contain("already named 'Other'");
        _session.Workflow.Groups!.Select(g => g.Name).Should().Equal("Payments", "Other");

        cut.Find(".group-frame-rename").Input("Billing");
        cut.Find(".group-frame-rename").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        _session.Workflow.Groups!.Select(g => g.Name).Should().Equal("Billing", "Other");
        cut.WaitForAssertion(() => cut.Find(".group-frame-handle[data-group='Billing']").TextContent.Should().Be("Billing"));
        cut.FindAll(".group-frame-rename").Should().BeEmpty();
    }

    [Fact]
    public void Escape_leaves_the_name_as_it_was()
    {
        var cut = RenderCanvas(_session);
        cut.WaitForElement(".group-frame-handle[data-group='Other']").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.Find(".group-frame-rename").Input("Something else");
        cut.Find(".group-frame-rename").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        _session.Workflow.Groups!.Select(g => g.Name).Should().Equal("Payments", "Other");
        cut.FindAll(".group-frame-rename").Should().BeEmpty();
    }

    [Fact]
    public void A_read_only_canvas_draws_the_frame_with_a_plain_label_and_no_handle()
    {
        var cut = Render<WorkflowCanvas>(p => p.Add(c => c.Workflow, _session.Workflow).Add(c => c.ReadOnly, true));

        cut.WaitForElement(".group-frame[data-group='Payments'] .group-frame-label").TextContent.Should().Be("Payments");
        cut.FindAll(".group-frame-handle").Should().BeEmpty();
    }
}
