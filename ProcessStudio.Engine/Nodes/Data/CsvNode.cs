using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// Parses CSV text into items (objects keyed by the header, or arrays of fields without one), or builds CSV text from
/// items. Reading and writing are CsvHelper's (RFC 4180 quoting); values are read as text.
/// </summary>
public sealed class CsvNode : NodeType
{
    public const string TypeName = "csv";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "CSV",
        Category = NodeCategory.Data,
        Description = "Parses CSV text into items (one per row, keyed by the header) or builds CSV text from items.",
        Icon = "sheet",
        Settings =
        [
            new("operation", "Operation", SettingKind.Select) { Options = ["parse", "build"], Default = "parse", AllowsTemplates = false },
            new("text", "CSV text", SettingKind.Text) { Default = "{{ $json }}", VisibleWhen = new("operation", ["parse"]), Placeholder = "{{ $json.body }}" },
            DataItems.Setting with { VisibleWhen = new("operation", ["build"]) },
            new("columns", "Columns", SettingKind.StringList)
            {
                VisibleWhen = new("operation", ["build"]), Placeholder = "id",
                Description = "Field paths to write, in order. Empty: every field of the items, in the order first seen.",
            },
            new("separator", "Separator", SettingKind.Text) { Default = ",", AllowsTemplates = false, Placeholder = ",", Description = "One character, e.g. , ; | or \\t for tab. Parse: empty detects it." },
            new("header", "Header row", SettingKind.Boolean) { Default = true, Description = "Parse: the first row names the fields. Build: write a header row." },
        ],
    };

    public override IEnumerable<Validation.ValidationProblem> Validate(Model.NodeDefinition node)
    {
        if (NodeJson.String(node.Settings["separator"]) is { Length: > 0 } separator && Separator(separator) is null)
            yield return new("setting.invalid", $"Node '{node.Name}': 'Separator' must be one ASCII character other than a quote or a line break (or \\t), not '{separator}'.",
                node.Id, "separator");
        foreach (var problem in DataSettingChecks.PathList(node, "columns", "Columns")) yield return problem;
    }

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var separator = Separator(NodeJson.String(context.Setting("separator")) ?? ",");
        var header = NodeJson.Bool(context.Setting("header")) ?? true;
        return Task.FromResult(NodeOutcome.Next(NodeJson.String(context.Setting("operation")) == "build"
            ? JsonValue.Create(Build(DataItems.Read(context, cancellationToken).Items, ItemKeys.Fields(context.Setting("columns")), separator ?? ',', header))
            : Parse(TextToParse(context, cancellationToken), separator, header, cancellationToken)));
    }

    private static string TextToParse(NodeContext context, CancellationToken cancellationToken)
    {
        var value = DataItems.ValueOrInput(context, "text", cancellationToken);
        return ExpressionValues.TryGetString(value, out var text) ? text
            : throw new NodeFailedException($"Parse needs CSV text, but 'CSV text' is {ExpressionValues.TypeName(value)}.", "InvalidCsv");
    }

    private static JsonArray Parse(string text, char? separator, bool header, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions { Separator = separator, HasHeader = header, FieldCountMismatch = CsvFieldCountHandling.Allow };
        var rows = new JsonArray();
        try
        {
            using var reader = CsvReader.Create(new StringReader(text), options, leaveOpen: false);
            var names = header ? reader.Headers.ToArray() : [];
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!header)
                {
                    rows.Add(new JsonArray([.. Enumerable.Range(0, reader.FieldCount).Select(i => (JsonNode?)JsonValue.Create(reader.GetString(i)))]));
                    continue;
                }
                var row = new JsonObject();
                for (var i = 0; i < reader.FieldCount; i++)
                    row[i < names.Length && names[i].Length > 0 ? names[i] : $"column{i + 1}"] = reader.GetString(i);
                rows.Add(row);
            }
        }
        catch (CsvFormatException e)
        {
            throw new NodeFailedException($"The CSV text could not be read: {e.Message}", "InvalidCsv");
        }
        return rows;
    }

    private static string Build(JsonArray items, IReadOnlyList<string> columns, char separator, bool header)
    {
        if (columns.Count == 0)
            columns = items.OfType<JsonObject>().SelectMany(i => i.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        using (var writer = CsvWriter.Create(new StringWriter(text), new CsvWriterOptions { Separator = separator, NewLine = "\n" }, leaveOpen: false))
        {
            if (header) writer.WriteRecord([.. columns]);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject)
                    throw new NodeFailedException($"Item {i + 1} is {ExpressionValues.TypeName(items[i])}; CSV rows are built from objects.", "InvalidItems");
                writer.WriteRecord([.. columns.Select(c => Cell(FieldPath.Get(items[i], c)))]);
            }
        }
        return text.ToString();
    }

    /// <summary>Text as is, numbers and booleans as JSON writes them, objects and arrays as compact JSON; null as an empty field.</summary>
    private static string? Cell(JsonNode? value) =>
        value is null ? null : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    /// <summary>The separator a setting names: one printable ASCII character or "\t"; null for empty (detect) or anything else.</summary>
    private static char? Separator(string text) => text switch
    {
        "\\t" or "\t" => '\t',
        { Length: 1 } when text[0] is > ' ' and < (char)127 and not '"' => text[0],
        _ => null,
    };
}
