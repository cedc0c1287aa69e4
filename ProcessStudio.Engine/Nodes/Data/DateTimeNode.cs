using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>Parses, formats, shifts, compares and converts dates per item, with IANA time zones (see <see cref="DateMath"/>).</summary>
public sealed class DateTimeNode : NodeType
{
    public const string TypeName = "date-time";

    private static readonly string[] WithUnit = ["add", "subtract", "diff", "startOf", "endOf"];

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Date & Time",
        Category = NodeCategory.Data,
        Description = "Per item: parse or format a date, add or subtract time, the difference between two dates, start/end of a unit, or convert to a time zone.",
        Icon = "calendar-clock",
        Settings =
        [
            DataItems.Setting,
            new("operation", "Operation", SettingKind.Select) { Options = DateMath.Operations, Default = "format", AllowsTemplates = false },
            new("value", "Date", SettingKind.Text) { Required = true, Placeholder = "{{ $item.createdAt }}", Description = "ISO 8601 text or Unix epoch milliseconds; per item with $item." },
            new("format", "Format", SettingKind.Text)
            {
                VisibleWhen = new("operation", ["format", "parse"]), Placeholder = "dd/MM/yyyy HH:mm",
                Description = ".NET date format. Format: empty gives ISO 8601. Parse: the format of the text; empty accepts ISO 8601 and common forms.",
            },
            new("amount", "Amount", SettingKind.Number) { Required = true, VisibleWhen = new("operation", ["add", "subtract"]), Placeholder = "7" },
            new("unit", "Unit", SettingKind.Select) { Options = DateMath.Units, Default = "days", AllowsTemplates = false, VisibleWhen = new("operation", WithUnit) },
            new("to", "Second date", SettingKind.Text) { Required = true, VisibleWhen = new("operation", ["diff"]), Placeholder = "{{ $item.shippedAt }}",
                Description = "The result is second date minus date, in the unit." },
            new("timeZone", "Time zone", SettingKind.Text)
            {
                Default = "UTC", Placeholder = "Europe/Paris",
                Description = "IANA time zone id: the zone results are shown in, the zone whose days start/end of counts in, and the zone of parsed text without an offset.",
            },
            PerItem.OutputSetting,
        ],
    };

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node)
    {
        foreach (var problem in PerItem.Validate(node)) yield return problem;
        if (NodeJson.String(node.Settings["timeZone"]) is { Length: > 0 } zone && !zone.Contains("{{") && !DateMath.TryFindZone(zone, out _))
            yield return new("setting.invalid", $"Node '{node.Name}': 'Time zone' '{zone}' is not a known IANA time zone id (e.g. Europe/Paris, America/New_York, UTC).",
                node.Id, "timeZone");
    }

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var operation = NodeJson.String(context.Setting("operation")) ?? "format";
        var unit = NodeJson.String(context.Setting("unit")) ?? "days";
        return Task.FromResult(PerItem.Apply(context, cancellationToken, scope =>
        {
            JsonNode? Setting(string name) => ItemScope.Evaluate(context, name, scope, cancellationToken);
            var zoneId = NodeJson.String(Setting("timeZone")) is { Length: > 0 } z ? z : "UTC";
            var zone = DateMath.TryFindZone(zoneId, out var found) ? found
                : throw new NodeFailedException($"'{zoneId}' is not a known IANA time zone id.", "InvalidSettings");
            var format = NodeJson.String(Setting("format"));
            var value = Setting("value");
            if (operation == "parse") return DateMath.Iso(DateMath.Parse(value, format, zone), zone);
            var date = DateMath.Read(value, "Date");
            return operation switch
            {
                "format" => JsonValue.Create(DateMath.Format(date, format, zone)),
                "add" => DateMath.Iso(DateMath.Add(date, Amount(Setting("amount")), unit, zone), zone),
                "subtract" => DateMath.Iso(DateMath.Add(date, -Amount(Setting("amount")), unit, zone), zone),
                "diff" => ExpressionValues.Number(DateMath.Difference(date, DateMath.Read(Setting("to"), "Second date"), unit)),
                "startOf" => DateMath.Iso(DateMath.StartOf(date, unit, zone), zone),
                "endOf" => DateMath.Iso(DateMath.EndOf(date, unit, zone), zone),
                "convert" => DateMath.Iso(date, zone),
                _ => throw new NodeFailedException($"Unknown operation '{operation}'; use one of: {string.Join(", ", DateMath.Operations)}.", "InvalidSettings"),
            };
        }));
    }

    private static double Amount(JsonNode? value) =>
        NodeJson.Number(value) ?? (ExpressionValues.TryGetString(value, out var text) &&
                                   double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new NodeFailedException($"'Amount' must be a number, not {ExpressionValues.ToJson(value)}.", "InvalidSettings"));
}
