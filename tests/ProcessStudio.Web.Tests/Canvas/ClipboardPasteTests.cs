using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Designer;

namespace ProcessStudio.Web.Tests.Canvas;

/// <summary>Copy and paste through clipboard text: between workflows, from exported JSON, and refusing bad input.</summary>
public sealed class ClipboardPasteTests
{
    private static DesignerSession NewSession() =>
        new(new WorkflowDefinition { Id = Guid.NewGuid(), Name = "Flow" }, null, new TestCatalog(), new UnnamedNodeValidator());

    private static NodeDefinition Add(DesignerSession session, string type, double x = 0, double y = 0)
    {
        session.AddNode(type, new Position(x, y));
        return session.Workflow.Nodes[^1];
    }

    [Fact]
    public void Copy_writes_the_selected_nodes_and_only_the_links_among_them_as_workflow_json()
    {
        var session = NewSession();
        var trigger = Add(session, "manual");
        var log = Add(session, "log", 300);
        var branch = Add(session, "if", 600);
        session.Connect(trigger.Id, "out", log.Id);
        session.Connect(log.Id, "out", branch.Id);
        session.Select([trigger.Id, log.Id]);

        var copied = WorkflowJson.Deserialize(session.Copy()!);

        copied.Nodes.Select(n => n.Name).Should().Equal("Manual", "Log");
        copied.Connections.Should().Equal(new Connection(trigger.Id, "out", log.Id));
    }

    [Fact]
    public void Nothing_selected_copies_nothing()
    {
        NewSession().Copy().Should().BeNull();
    }

    [Fact]
    public void Nodes_copied_in_one_workflow_paste_into_another_with_fresh_ids_unique_names_and_their_link()
    {
        var source = NewSession();
        var trigger = Add(source, "manual", 100, 100);
        var log = Add(source, "log", 400, 100);
        source.Connect(trigger.Id, "out", log.Id);
        source.Select([trigger.Id, log.Id]);
        var clipboard = source.Copy();

        var target = NewSession();
        var existing = Add(target, "log");
        target.Paste(clipboard).Should().BeNull();

        var pasted = target.Workflow.Nodes.Where(n => n.Id != existing.Id).ToList();
        pasted.Select(n => n.Name).Should().Equal("Manual", "Log 2");
        pasted.Select(n => n.Id).Should().NotIntersectWith([trigger.Id, log.Id, existing.Id]);
        pasted.Select(n => n.Position).Should().Equal(new Position(140, 140), new Position(440, 140));
        target.Workflow.Connections.Should().Equal(new Connection(pasted[0].Id, "out", pasted[1].Id));
        target.SelectedNodeIds.Should().BeEquivalentTo(pasted.Select(n => n.Id));
        target.History.UndoLabel.Should().Be("Paste");
    }

    [Fact]
    public void Pasting_the_same_text_again_steps_each_copy_further_instead_of_stacking()
    {
        var session = NewSession();
        var log = Add(session, "log", 0, 0);
        session.Select([log.Id]);
        var clipboard = session.Copy();

        session.Paste(clipboard);
        session.Paste(clipboard);

        session.Workflow.Nodes.Select(n => n.Position).Should().Equal(new Position(0, 0), new Position(40, 40), new Position(80, 80));
    }

    [Fact]
    public void An_exported_workflow_pastes_its_nodes_and_drops_links_to_nodes_it_does_not_contain()
    {
        var exported = WorkflowJson.Serialize(new WorkflowDefinition
        {
            Id = Guid.NewGuid(),
            Name = "Exported",
            Variables = [new VariableDefinition("region")],
            Nodes = [new NodeDefinition { Id = "a", Type = "manual", Name = "Start" }, new NodeDefinition { Id = "b", Type = "log", Name = "" }],
            Connections = [new Connection("a", "out", "b"), new Connection("b", "out", "missing")],
        });
        var session = NewSession();

        session.Paste(exported).Should().BeNull();

        session.Workflow.Nodes.Select(n => n.Name).Should().Equal("Start", "Log");
        session.Workflow.Connections.Should().ContainSingle();
        session.Workflow.Variables.Should().BeEmpty("only nodes and links are pasted");
    }

    [Theory]
    [InlineData("{ \"nodes\": [ { \"id\": \"a\", ", "does not hold workflow JSON")]
    [InlineData("[1, 2]", "does not hold workflow JSON")]
    [InlineData("{ \"name\": \"x\" }", "no nodes")]
    [InlineData("{ \"nodes\": [ { \"id\": \"a\", \"type\": \"acme.fax\", \"name\": \"Send fax\" } ] }", "Unknown node type 'acme.fax' (node 'Send fax')")]
    [InlineData("{ \"nodes\": [ { \"id\": \"a\", \"type\": \"log\" }, { \"id\": \"a\", \"type\": \"log\" } ] }", "Node id 'a' is used by 2 nodes")]
    public void Unusable_clipboard_json_is_refused_with_the_reason_and_changes_nothing(string text, string reason)
    {
        var session = NewSession();
        Add(session, "log");
        var before = WorkflowJson.Serialize(session.Workflow);

        session.Paste(text).Should().Contain(reason);

        WorkflowJson.Serialize(session.Workflow).Should().Be(before);
        session.History.UndoLabel.Should().Be("Add Log");
    }

    [Fact]
    public void Without_system_clipboard_text_the_sessions_own_copy_is_pasted()
    {
        var session = NewSession();
        var log = Add(session, "log");
        session.Select([log.Id]);
        session.Copy();

        session.Paste(clipboardText: null).Should().BeNull();
        session.Paste("plain text copied elsewhere").Should().BeNull("plain text means the copy here never reached the system clipboard");

        session.Workflow.Nodes.Should().HaveCount(3);
    }

    [Fact]
    public void Plain_text_with_nothing_copied_here_is_refused()
    {
        var session = NewSession();

        session.Paste("hello").Should().Contain("does not hold workflow JSON");
        session.Workflow.Nodes.Should().BeEmpty();
    }
}
