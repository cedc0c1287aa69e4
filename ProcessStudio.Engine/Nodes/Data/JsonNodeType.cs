using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>Parses JSON text into a value, or writes a value as JSON text.</summary>
public sealed class JsonNodeType : NodeType
{
    public const string TypeName = "json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "JSON",
        Category = NodeCategory.Data,
        Description = "Parses JSON text into data, or turns data into JSON text (compact or indented).",
        Icon = "braces",
        Settings =
        [
            new("operation", "Operation", SettingKind.Select) { Options = ["parse", "stringify"], Default = "parse", AllowsTemplates = false },
            new("value", "Value", SettingKind.Text) { Default = "{{ $json }}", Placeholder = "{{ $json.body }}", Description = "The text to parse, or the value to write. Default: the node's input." },
            new("indent", "Indented", SettingKind.Boolean) { Default = false, VisibleWhen = new("operation", ["stringify"]) },
        ],
    };

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var value = DataItems.ValueOrInput(context, "value", cancellationToken);
        if (NodeJson.String(context.Setting("operation")) == "stringify")
        {
            var text = value?.ToJsonString(NodeJson.Bool(context.Setting("indent")) == true ? Indented : null) ?? "null";
            return Task.FromResult(NodeOutcome.Next(JsonValue.Create(text)));
        }
        if (!ExpressionValues.TryGetString(value, out var json))
            throw new NodeFailedException($"Parse needs JSON text, but 'Value' is {ExpressionValues.TypeName(value)}; it may already be parsed.", "InvalidJson");
        try
        {
            return Task.FromResult(NodeOutcome.Next(JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })));
        }
        catch (JsonException e)
        {
            throw new NodeFailedException($"The text is not valid JSON: line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}", "InvalidJson");
        }
    }

    private static string FirstSentence(string message) => message.Split(" Path:")[0].Split(" LineNumber:")[0];
}
