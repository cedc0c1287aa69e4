using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Scheduling;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>The schedule preview of a Schedule trigger as the user sees it: its settings with the text still being typed.</summary>
public static class ScheduleDraft
{
    public static SchedulePreview Preview(NodeDefinition node, IReadOnlyDictionary<string, string> drafts, DateTimeOffset now)
    {
        var settings = node.Settings.DeepClone().AsObject();
        foreach (var (name, text) in drafts)
            settings[name] = JsonValue.Create(text);
        return SchedulePreview.Of(ScheduleSettings.From(settings), now);
    }
}
