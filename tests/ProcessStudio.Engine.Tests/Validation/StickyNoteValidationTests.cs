using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Tests.Validation;

/// <summary>Sticky notes and pinned outputs in the workflow format: stored, checked for what they hold, never treated as nodes.</summary>
public sealed class StickyNoteValidationTests : IDisposable
{
    private readonly ServiceProvider _services = EngineServices.Build();
    private IWorkflowValidator Validator => _services.GetRequiredService<IWorkflowValidator>();

    public void Dispose() => _services.Dispose();

    private static WorkflowDefinition WithNotes(params StickyNote[] notes)
    {
        var workflow = new WorkflowBuilder("notes").Trigger().Node("log", "log", new { message = "hi" }).Chain("start", "log").Build();
        workflow.StickyNotes.AddRange(notes);
        return workflow;
    }

    [Fact]
    public void Valid_notes_add_no_problems_and_are_not_counted_or_routed_as_nodes()
    {
        var workflow = WithNotes(new StickyNote { Id = "note1", Text = "# Hello", Position = new Position(500, 500) });

        Validator.Validate(workflow).Should().BeEmpty("a note far from every node is not an unreachable node");
    }

    [Fact]
    public void Bad_ids_sizes_colours_and_texts_are_each_named()
    {
        var problems = Validator.Validate(WithNotes(
            new StickyNote { Id = "log" },
            new StickyNote { Id = "" },
            new StickyNote { Id = "n3", Width = 50, Height = 5000 },
            new StickyNote { Id = "n4", Color = "red" },
            new StickyNote { Id = "n5", Text = new string('x', TextLimits.StickyNoteText + 1) }));

        problems.Select(p => (p.Code, p.Setting)).Should().BeEquivalentTo(new[]
        {
            ("note.duplicate-id", "stickyNotes[0].id"),
            ("note.id-invalid", "stickyNotes[1].id"),
            ("note.size", "stickyNotes[2].width"),
            ("note.color", "stickyNotes[3].color"),
            ("text.too-long", "stickyNotes[4].text"),
        });
    }

    [Fact]
    public void Notes_and_pinned_outputs_survive_export_and_import()
    {
        var workflow = WithNotes(new StickyNote { Id = "note1", Text = "**bold**", Color = "green", Width = 300, Height = 200, Position = new Position(40, 60) });
        workflow.FindNode("log")!.PinnedOutput = new JsonObject { ["ok"] = true };

        var json = WorkflowJson.Serialize(workflow);
        var back = WorkflowJson.Deserialize(json);

        json.Should().Contain("\"stickyNotes\"").And.Contain("\"pinnedOutput\"");
        back.StickyNotes.Should().ContainSingle().Which.Should().BeEquivalentTo(workflow.StickyNotes[0]);
        back.FindNode("log")!.PinnedOutput!.ToJsonString().Should().Be("""{"ok":true}""");
    }

    [Fact]
    public void A_workflow_without_notes_keeps_the_json_it_had_before_notes_existed() =>
        WorkflowJson.Serialize(WithNotes()).Should().NotContain("stickyNotes");

    [Fact]
    public void A_null_note_is_a_format_error_naming_its_path()
    {
        var act = () => WorkflowJson.Deserialize("""{ "name": "x", "stickyNotes": [ null ] }""");

        act.Should().Throw<WorkflowFormatException>().Which.Path.Should().Be("$.stickyNotes[0]");
    }
}
