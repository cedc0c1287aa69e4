using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Canvas;
using ProcessStudio.Web.Ui.Designer;

namespace ProcessStudio.Web.Tests.Canvas;

public sealed class DesignerSessionTests
{
    private readonly DesignerSession _session = new(new WorkflowDefinition { Id = Guid.NewGuid(), Name = "Flow" }, null, new TestCatalog(), new UnnamedNodeValidator());

    private NodeDefinition Add(string type, double x = 0, double y = 0)
    {
        _session.AddNode(type, new Position(x, y));
        return _session.Workflow.Nodes[^1];
    }

    [Fact]
    public void Added_nodes_get_unique_names_default_settings_and_a_snapped_position()
    {
        var first = Add("log", 33, 47);
        var second = Add("log");

        first.Name.Should().Be("Log");
        second.Name.Should().Be("Log 2");
        first.Settings["level"]!.GetValue<string>().Should().Be("info");
        first.Position.Should().Be(new Position(40, 40));
        _session.SelectedNodeIds.Should().BeEquivalentTo([second.Id]);
    }

    [Fact]
    public void A_click_added_node_moves_below_nodes_that_would_cover_it()
    {
        var existing = Add("log", 100, 100);
        Add("if", 100, 200);

        _session.AddNodeInFreeSpot("log", new Position(105, 110));
        var added = _session.Workflow.Nodes[^1];

        added.Position.Should().Be(new Position(100, 300), "the If node below the first one ends at y 272, and a grid step of air is kept");
        _session.AddNodeInFreeSpot("log", new Position(1000, 1000));
        _session.Workflow.Nodes[^1].Position.Should().Be(new Position(1000, 1000), "a free spot is used as is");
        existing.Position.Should().Be(new Position(100, 100));
    }

    [Fact]
    public void Refused_connections_say_why()
    {
        var trigger = Add("manual");
        var log = Add("log");

        _session.Connect(log.Id, "out", trigger.Id).Should().Be("A trigger has no input.");
        _session.Connect(log.Id, "out", log.Id).Should().Be("Cannot connect a node to itself.");
        _session.Connect(trigger.Id, "nope", log.Id).Should().Contain("not an output");
        _session.Connect(trigger.Id, "out", log.Id).Should().BeNull();
        _session.Connect(trigger.Id, "out", log.Id).Should().Be("Already connected.");
        _session.Workflow.Connections.Should().ContainSingle();
    }

    [Fact]
    public void Valid_targets_exclude_triggers_the_source_and_existing_links()
    {
        var trigger = Add("manual");
        var a = Add("log");
        var b = Add("if");
        _session.Connect(trigger.Id, "out", a.Id);

        _session.ValidTargets(trigger.Id, "out").Should().BeEquivalentTo([b.Id]);
    }

    [Fact]
    public void Undo_and_redo_walk_every_edit_back_and_forth()
    {
        var trigger = Add("manual");
        var log = Add("log");
        _session.Connect(trigger.Id, "out", log.Id);
        _session.MoveNodes([log.Id], 100, 0);

        _session.Undo();
        _session.Workflow.FindNode(log.Id)!.Position.X.Should().Be(0);
        _session.Undo();
        _session.Workflow.Connections.Should().BeEmpty();
        _session.Undo();
        _session.Workflow.Nodes.Should().ContainSingle();

        _session.Redo();
        _session.Redo();
        _session.Workflow.Connections.Should().ContainSingle();
        _session.History.CanRedo.Should().BeTrue();

        _session.AddNode("if", null);
        _session.History.CanRedo.Should().BeFalse("a new edit discards the redo branch");
    }

    [Fact]
    public void Deleting_a_node_removes_its_links_and_undo_restores_both()
    {
        var trigger = Add("manual");
        var log = Add("log");
        _session.Connect(trigger.Id, "out", log.Id);

        _session.Select([log.Id]);
        _session.HandleShortcut("delete");

        _session.Workflow.Nodes.Should().ContainSingle();
        _session.Workflow.Connections.Should().BeEmpty();
        _session.HandleShortcut("ctrl+z");
        _session.Workflow.Nodes.Should().HaveCount(2);
        _session.Workflow.Connections.Should().ContainSingle();
    }

    [Fact]
    public void Delete_removes_the_selected_link_only_and_undo_brings_it_back_selectable()
    {
        var trigger = Add("manual");
        var log = Add("log");
        _session.Connect(trigger.Id, "out", log.Id);
        var link = _session.Workflow.Connections.Single();

        _session.SelectConnection(link.Id);
        _session.SelectedNodeIds.Should().BeEmpty("selecting a link replaces the node selection");
        _session.SelectedConnection.Should().Be(link);
        _session.HandleShortcut("delete");

        _session.Workflow.Connections.Should().BeEmpty();
        _session.Workflow.Nodes.Should().HaveCount(2);
        _session.SelectedConnectionId.Should().BeNull();
        _session.History.UndoLabel.Should().Be("Delete connection");

        _session.HandleShortcut("ctrl+z");
        _session.Workflow.Connections.Should().Equal(link);
        _session.SelectConnection(link.Id);
        _session.SelectedConnectionId.Should().Be(link.Id);
    }

    [Fact]
    public void Undo_clears_a_link_selection_whose_link_no_longer_exists()
    {
        var trigger = Add("manual");
        var log = Add("log");
        _session.Connect(trigger.Id, "out", log.Id);
        _session.SelectConnection(_session.Workflow.Connections.Single().Id);

        _session.Undo();

        _session.SelectedConnectionId.Should().BeNull();
        _session.SelectConnection(new Connection(trigger.Id, "out", log.Id).Id);
        _session.SelectedConnectionId.Should().BeNull("a link that is not drawn cannot be selected");
    }

    [Fact]
    public void Link_labels_name_both_ends_and_the_port()
    {
        WorkflowLinkModel.Describe("If", "true", "Log").Should().Be("Link from If true to Log");
    }

    [Fact]
    public void Paste_copies_nodes_with_new_ids_names_and_their_inner_links_offset_from_the_original()
    {
        var trigger = Add("manual", 0, 0);
        var log = Add("log", 300, 0);
        _session.Connect(trigger.Id, "out", log.Id);
        _session.Select([trigger.Id, log.Id]);

        _session.Copy();
        _session.Paste(clipboardText: null);

        _session.Workflow.Nodes.Should().HaveCount(4);
        var pasted = _session.Workflow.Nodes.Skip(2).ToList();
        pasted.Select(n => n.Name).Should().Equal("Manual 2", "Log 2");
        pasted.Select(n => n.Id).Should().NotIntersectWith([trigger.Id, log.Id]);
        pasted[1].Position.Should().Be(new Position(340, 40));
        _session.Workflow.Connections.Should().Contain(new Connection(pasted[0].Id, "out", pasted[1].Id));
        _session.SelectedNodeIds.Should().BeEquivalentTo(pasted.Select(n => n.Id));
    }

    [Fact]
    public void Rubber_band_selects_the_nodes_it_touches()
    {
        var inside = Add("log", 0, 0);
        Add("log", 1000, 1000);

        _session.SelectInRect(new Rect(-10, -10, 100, 100), additive: false);

        _session.SelectedNodeIds.Should().BeEquivalentTo([inside.Id]);
    }

    [Fact]
    public void Rename_refuses_empty_and_duplicate_names()
    {
        var a = Add("log");
        Add("log");

        _session.RenameNode(a.Id, "  ").Should().NotBeNull();
        _session.RenameNode(a.Id, "log 2").Should().Contain("already");
        _session.RenameNode(a.Id, "Audit").Should().BeNull();
        _session.Workflow.FindNode(a.Id)!.Name.Should().Be("Audit");
    }

    [Fact]
    public void Dirty_until_saved_and_again_after_an_edit()
    {
        Add("log");
        _session.IsDirty.Should().BeTrue();

        _session.MarkSaved(1);
        _session.IsDirty.Should().BeFalse();

        _session.MoveNodes([_session.Workflow.Nodes[0].Id], 20, 0);
        _session.IsDirty.Should().BeTrue();
        _session.Undo();
        _session.IsDirty.Should().BeFalse("undoing back to the saved state is clean again");
    }

    [Fact]
    public void F9_toggles_breakpoints_on_the_selection()
    {
        var log = Add("log");

        _session.HandleShortcut("f9");
        _session.Breakpoints.Should().BeEquivalentTo([log.Id]);
        _session.HandleShortcut("f9");
        _session.Breakpoints.Should().BeEmpty();
    }

    [Fact]
    public void Validation_problems_mark_their_nodes()
    {
        var log = Add("log");
        _session.UpdateNode(log.Id, "clear name", n => n.Name = "");

        _session.NodesWithErrors.Should().BeEquivalentTo([log.Id]);
        _session.Problems.Should().ContainSingle();
    }
}
