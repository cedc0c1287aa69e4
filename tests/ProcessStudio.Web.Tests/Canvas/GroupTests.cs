using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Canvas;
using ProcessStudio.Web.Ui.Designer;

namespace ProcessStudio.Web.Tests.Canvas;

/// <summary>Groups in the designer: grouping the selection, renaming, ungrouping, undo, deletion, and the frame drawn around them.</summary>
public sealed class GroupTests
{
    private readonly DesignerSession _session = new(new WorkflowDefinition { Id = Guid.NewGuid(), Name = "Flow" }, null, new TestCatalog(), new UnnamedNodeValidator());

    private NodeDefinition Add(string type, double x, double y)
    {
        _session.AddNode(type, new Position(x, y));
        return _session.Workflow.Nodes[^1];
    }

    [Fact]
    public void Grouping_the_selection_names_a_new_group_and_undo_removes_it()
    {
        var a = Add("log", 0, 0);
        var b = Add("log", 300, 0);
        _session.Select([a.Id, b.Id]);

        _session.GroupSelection().Should().Be("Group 1");
        _session.Select([a.Id]);
        _session.GroupSelection().Should().Be("Group 2");

        _session.Workflow.Groups!.Select(g => (g.Name, g.Nodes.Count)).Should().Equal(("Group 1", 2), ("Group 2", 1));
        _session.Undo();
        _session.Workflow.Groups!.Select(g => g.Name).Should().Equal("Group 1");
    }

    [Fact]
    public void Renaming_refuses_an_empty_or_taken_name_and_ungroup_keeps_the_nodes()
    {
        var a = Add("log", 0, 0);
        _session.Select([a.Id]);
        _session.GroupSelection();
        _session.GroupSelection();

        _session.RenameGroup("Group 1", " ").Should().Be("A group needs a name.");
        _session.RenameGroup("Group 1", "Group 2").Should().Contain("already named 'Group 2'");
        _session.RenameGroup("Group 1", "Payments").Should().BeNull();
        _session.Ungroup("Group 2");

        _session.Workflow.Groups!.Select(g => g.Name).Should().Equal("Payments");
        _session.Workflow.Nodes.Should().ContainSingle();
    }

    [Fact]
    public void Deleting_nodes_takes_them_out_of_their_groups_and_drops_groups_left_empty()
    {
        var a = Add("log", 0, 0);
        var b = Add("log", 300, 0);
        _session.Select([a.Id, b.Id]);
        _session.GroupSelection();
        _session.Select([b.Id]);
        _session.GroupSelection();

        _session.DeleteSelection();

        _session.Workflow.Groups!.Should().ContainSingle().Which.Nodes.Should().Equal(a.Id);
    }

    [Fact]
    public void A_frame_surrounds_its_nodes_with_room_for_the_label()
    {
        var workflow = new WorkflowDefinition
        {
            Nodes = [new() { Id = "a", Position = new(100, 100) }, new() { Id = "b", Position = new(400, 300) }],
            Groups = [new NodeGroup { Name = "Region", Nodes = ["a", "b", "gone"] }, new NodeGroup { Name = "Empty", Nodes = ["gone"] }],
        };

        var frame = GroupFrame.Of(workflow, _ => 1).Should().ContainSingle().Subject;

        frame.Name.Should().Be("Region");
        frame.Bounds.X.Should().Be(100 - GroupFrame.Padding);
        frame.Bounds.Y.Should().Be(100 - GroupFrame.Padding - GroupFrame.LabelHeight);
        frame.Bounds.Right.Should().Be(400 + CanvasGeometry.NodeWidth + GroupFrame.Padding);
        frame.Bounds.Bottom.Should().Be(300 + CanvasGeometry.MinNodeHeight + GroupFrame.Padding);
    }
}
