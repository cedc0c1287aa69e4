
using PointerEventArgs = Blazor.Diagrams.Core.Events.PointerEventArgs;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Canvas;
using ProcessStudio.Web.Ui.Canvas.Notes;
using ProcessStudio.Web.Ui.Designer;
using Position = ProcessStudio.Engine.Model.Position;

namespace ProcessStudio.Web.Canvas.Tests;

/// <summary>Sticky notes on the canvas: drawn as Markdown, edited in place, moved and resized as undoable edits, never nodes.</summary>
public sealed class StickyNoteTests : CanvasTestContext
{
    private readonly DesignerSession _session = Session(new WorkflowDefinition
    {
        Id = Guid.NewGuid(),
        Name = "Flow",
        Nodes = [Node("start", "manual", 0, 0), Node("log", "log", 300, 0)],
        Connections = [new Connection("start", "out", "log")],
        StickyNotes =
        [
            new StickyNote
            {
                Id = "note1", Position = new Position(0, 200), Width = 240, Height = 160, Color = "blue",
                Text = "## Why\n\nCalls **the shop** first. <script>alert(1)</script> [bad](javascript:alert(1)) [docs](https://example.com)",
            },
        ],
    });

    private static PointerEventArgs Pointer(double x = 0, double y = 0) =>
        new(x, y, 0, 1, false, false, false, 1, 1, 1, 0.5f, 0, 0, "mouse", true);

    private static StickyNoteModel NoteModel(IRenderedComponent<WorkflowCanvas> cut) =>
        cut.Instance.Diagram.Nodes.OfType<StickyNoteModel>().Single();

    [Fact]
    public void A_note_shows_its_markdown_as_html_with_raw_html_and_script_links_made_harmless()
    {
        var cut = RenderCanvas(_session);

        var note = cut.WaitForElement(".sticky-note");
        note.ClassList.Should().Contain("note-blue");
        note.GetAttribute("style").Should().Contain("width:240px").And.Contain("height:160px");
        var body = cut.Find(".note-body");
        body.QuerySelector("h2")!.TextContent.Should().Be("Why");
        body.QuerySelector("strong")!.TextContent.Should().Be("the shop");
        body.QuerySelector("script").Should().BeNull("raw HTML is escaped, not rendered");
        body.TextContent.Should().Contain("<script>alert(1)</script>");
        body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Should().Equal("", "https://example.com");
    }

    [Fact]
    public void A_note_is_not_a_node_it_has_no_ports_and_does_not_change_validation()
    {
        var cut = RenderCanvas(_session);
        var withoutNote = Session(new WorkflowDefinition { Id = Guid.NewGuid(), Name = "Flow", Nodes = [.. _session.Workflow.Nodes], Connections = [.. _session.Workflow.Connections] });

        cut.WaitForElement(".sticky-note");
        NoteModel(cut).Ports.Should().BeEmpty();
        cut.FindAll("[aria-roledescription='node']").Should().HaveCount(2);
        _session.Problems.Select(p => p.Code).Should().BeEquivalentTo(withoutNote.Problems.Select(p => p.Code));
    }

    [Fact]
    public async Task Pressing_a_note_selects_it_and_a_drag_moves_it_on_the_grid_as_one_undoable_edit()
    {
        var cut = RenderCanvas(_session);
        var zoom = cut.Instance.Diagram.Zoom;
        cut.WaitForElement(".sticky-note");

        await cut.InvokeAsync(() => cut.Instance.Diagram.TriggerPointerDown(NoteModel(cut), Pointer(10, 10)));
        await cut.InvokeAsync(() => cut.Instance.Diagram.TriggerPointerMove(null, Pointer(10 + 41 * zoom, 10 + 18 * zoom)));
        await cut.InvokeAsync(() => cut.Instance.Diagram.TriggerPointerUp(NoteModel(cut), Pointer(10 + 41 * zoom, 10 + 18 * zoom)));

        _session.SelectedNoteId.Should().Be("note1");
        _session.SelectedNodeIds.Should().BeEmpty();
        _session.Workflow.StickyNotes[0].Position.Should().Be(new Position(40, 220));
        cut.Find(".sticky-note").ClassList.Should().Contain("selected");

        _session.Undo();
        _session.Workflow.StickyNotes[0].Position.Should().Be(new Position(0, 200));
        NoteModel(cut).Position.Y.Should().Be(200);
    }

    [Fact]
    public async Task Double_click_edits_the_text_in_place_and_leaving_the_field_commits_it()
    {
        var cut = RenderCanvas(_session);
        cut.WaitForElement(".sticky-note");

        await cut.Find(".sticky-note").DoubleClickAsync(new MouseEventArgs());
        var editor = cut.Find("textarea.note-editor");
        editor.GetAttribute("value").Should().StartWith("## Why");
        await editor.InputAsync(new ChangeEventArgs { Value = "- first\n- second" });
        await cut.Find("textarea.note-editor").BlurAsync(new FocusEventArgs());

        _session.Workflow.StickyNotes[0].Text.Should().Be("- first\n- second");
        cut.FindAll(".note-body li").Select(li => li.TextContent).Should().Equal("first", "second");
        _session.Undo();
        _session.Workflow.StickyNotes[0].Text.Should().StartWith("## Why");
    }

    [Fact]
    public async Task Escape_leaves_the_note_as_it_was()
    {
        var cut = RenderCanvas(_session);
        cut.WaitForElement(".sticky-note");

        await cut.Find(".sticky-note").DoubleClickAsync(new MouseEventArgs());
        await cut.Find("textarea.note-editor").InputAsync(new ChangeEventArgs { Value = "discarded" });
        await cut.Find("textarea.note-editor").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        cut.FindAll("textarea.note-editor").Should().BeEmpty();
        _session.Workflow.StickyNotes[0].Text.Should().StartWith("## Why");
        _session.History.CanUndo.Should().BeFalse();
    }

    [Fact]
    public async Task The_resize_handle_resizes_from_the_keyboard_and_a_pointer_resize_lands_on_the_grid_within_limits()
    {
        var cut = RenderCanvas(_session);
        cut.WaitForElement(".sticky-note");

        await cut.Find(".note-resize").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight" });
        await cut.Find(".note-resize").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });
        _session.Workflow.StickyNotes[0].Should().Match<StickyNote>(n => n.Width == 260 && n.Height == 180);
        cut.Find(".sticky-note").GetAttribute("style").Should().Contain("width:260px");
        NoteModel(cut).Size!.Width.Should().Be(260);

        // canvas.js reports the end of a pointer resize (the browser previewed it).
        await cut.InvokeAsync(() => cut.Instance.NoteResized("note1", 333, 20));
        _session.Workflow.StickyNotes[0].Should().Match<StickyNote>(n => n.Width == 340 && n.Height == StickyNote.MinHeight);

        _session.Undo();
        _session.Workflow.StickyNotes[0].Width.Should().Be(260);
    }

    [Fact]
    public async Task Delete_removes_the_selected_note_and_undo_brings_it_back()
    {
        var cut = RenderCanvas(_session);
        cut.WaitForElement(".sticky-note");
        await cut.InvokeAsync(() => cut.Instance.Diagram.TriggerPointerDown(NoteModel(cut), Pointer()));
        await cut.InvokeAsync(() => cut.Instance.Diagram.TriggerPointerUp(NoteModel(cut), Pointer()));

        await cut.InvokeAsync(() => _session.HandleShortcut("delete"));

        cut.FindAll(".sticky-note").Should().BeEmpty();
        _session.Workflow.Nodes.Should().HaveCount(2, "deleting a note leaves the nodes alone");
        await cut.InvokeAsync(_session.Undo);
        cut.FindAll(".sticky-note").Should().HaveCount(1);
    }

    [Fact]
    public void A_read_only_canvas_shows_notes_without_edit_or_resize()
    {
        var cut = Render<WorkflowCanvas>(p => p.Add(c => c.Workflow, _session.Workflow).Add(c => c.ReadOnly, true));

        cut.WaitForElement(".sticky-note");
        cut.FindAll(".note-resize").Should().BeEmpty();
        cut.Find(".sticky-note").DoubleClick();
        cut.FindAll("textarea").Should().BeEmpty();
        NoteModel(cut).Locked.Should().BeTrue();
    }
}
