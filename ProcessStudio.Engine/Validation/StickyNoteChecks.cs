using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Validation;

/// <summary>
/// Sticky notes are checked for what they store (ids, size, colour, text length) only: they are not nodes, so the
/// node rules (types, triggers, reachability) never see them.
/// </summary>
internal static class StickyNoteChecks
{
    public static void Check(WorkflowDefinition workflow, List<ValidationProblem> problems)
    {
        WorkflowTextChecks.Count(problems, workflow.StickyNotes.Count, TextLimits.StickyNotes, "stickyNotes");
        var ids = new HashSet<string>(workflow.Nodes.Select(n => n.Id), StringComparer.Ordinal);
        for (var i = 0; i < workflow.StickyNotes.Count; i++)
        {
            var note = workflow.StickyNotes[i];
            var field = $"stickyNotes[{i}]";
            if (string.IsNullOrWhiteSpace(note.Id) || note.Id.Length > TextLimits.NodeId)
                problems.Add(new("note.id-invalid", $"Sticky note {i + 1} needs an id of 1 to {TextLimits.NodeId} characters.", Setting: $"{field}.id"));
            else if (!ids.Add(note.Id))
                problems.Add(new("note.duplicate-id", $"Sticky note id '{note.Id}' is also used by a node or another note.", Setting: $"{field}.id"));
            if (!IsSize(note.Width, StickyNote.MinWidth) || !IsSize(note.Height, StickyNote.MinHeight))
                problems.Add(new("note.size", $"Sticky note {i + 1} must be {StickyNote.MinWidth}–{StickyNote.MaxSize} px wide and {StickyNote.MinHeight}–{StickyNote.MaxSize} px high.",
                    Setting: $"{field}.width"));
            if (!double.IsFinite(note.Position.X) || !double.IsFinite(note.Position.Y))
                problems.Add(new("note.position", $"Sticky note {i + 1} has no finite position.", Setting: $"{field}.position"));
            if (!StickyNote.Colors.Contains(note.Color))
                problems.Add(new("note.color", $"Sticky note {i + 1}'s colour must be one of {string.Join(", ", StickyNote.Colors)} (got '{note.Color}').", Setting: $"{field}.color"));
            WorkflowTextChecks.Limit(problems, note.Text, TextLimits.StickyNoteText, $"Sticky note {i + 1}'s text", setting: $"{field}.text");
        }
    }

    private static bool IsSize(double value, int min) => double.IsFinite(value) && value >= min && value <= StickyNote.MaxSize;
}
