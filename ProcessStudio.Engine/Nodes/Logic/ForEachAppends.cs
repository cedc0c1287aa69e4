using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Items appended to a running For Each by a signal <c>{items: [...], close}</c> (the API's
/// <c>POST /executions/{id}/nodes/{nodeId}/items</c>), and when such a For Each is done (<c>appends</c>):
/// <c>none</c> refuses appends, <c>whileRunning</c> takes them until every item so far finished, <c>untilClosed</c>
/// waits for more after the last item until a signal closes it. The decision layer only: the cursor stays For Each's.
/// </summary>
internal sealed record ForEachAppends(ForEachAppends.Mode Accepts)
{
    public enum Mode { None, WhileRunning, UntilClosed }

    public const string Setting = "appends";
    public const string ClosedField = "closed";

    public static SettingDescriptor Descriptor { get; } = new(Setting, "Appended items", SettingKind.Select)
    {
        Options = ["none", "whileRunning", "untilClosed"],
        Default = "none",
        AllowsTemplates = false,
        Description = "whileRunning: items can be appended (API or signal) until every item finished. untilClosed: the For Each waits for more items until a signal closes it.",
    };

    public static ForEachAppends Of(NodeDefinition node) => new(NodeJson.String(node.Settings[Setting]) switch
    {
        "whileRunning" => Mode.WhileRunning,
        "untilClosed" => Mode.UntilClosed,
        _ => Mode.None,
    });

    public bool Accepted => Accepts != Mode.None;

    /// <summary>The items and the close request carried by the signals queued since the For Each last ran, oldest first.</summary>
    public static (List<JsonNode?> Items, bool Close) Read(NodeContext context)
    {
        var items = new List<JsonNode?>();
        var close = false;
        foreach (var signal in context.QueuedSignals)
        {
            if (signal is not JsonObject payload || payload["items"] is not (null or JsonArray))
            {
                context.Log(LogLevel.Warning, "Ignored a signal without an items array or close flag: {\"items\": [...], \"close\": true|false} is expected.");
                continue;
            }
            if (payload["items"] is JsonArray appended) items.AddRange(appended.Select(i => i?.DeepClone()));
            close |= NodeJson.Bool(payload["close"]) == true;
        }
        return (items, close);
    }
}
