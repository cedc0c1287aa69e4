using Microsoft.Extensions.Logging;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>Writes a line to the run's log. Passes its input through.</summary>
public sealed class LogNode : NodeType
{
    public const string TypeName = "log";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Log",
        Category = NodeCategory.Action,
        Description = "Writes a message template to the run log at the chosen level and passes its input on.",
        Icon = "notes",
        Settings =
        [
            new("level", "Level", SettingKind.Select) { Options = ["debug", "information", "warning", "error"], Default = "information", AllowsTemplates = false },
            new("message", "Message", SettingKind.MultilineText) { Required = true, Placeholder = "Order {{ $json.id }} received" },
            new("data", "Data", SettingKind.Json) { Description = "Optional structured data attached to the log line." },
        ],
    };

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var level = (NodeJson.String(context.Setting("level")) ?? "information") switch
        {
            "debug" => LogLevel.Debug,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.Information,
        };
        context.Log(level, context.EvaluatedText("message", cancellationToken) ?? "", context.Evaluated("data", cancellationToken));
        return Task.FromResult(NodeOutcome.Next(context.Input?.DeepClone()));
    }
}
