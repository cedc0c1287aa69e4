using System.Text.Json.Nodes;
using System.Xml;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// Parses XML into JSON or builds XML from JSON (mapping in <see cref="XmlJson"/>). Parsing refuses DTDs, so entity
/// expansion and external entities cannot happen, and no resolver is ever asked for an outside resource.
/// </summary>
public sealed class XmlNode : NodeType
{
    public const string TypeName = "xml";
    private const int MaxCharacters = 16 * 1024 * 1024;

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "XML",
        Category = NodeCategory.Data,
        Description = "Parses XML text into data (attributes as @name, repeated elements as arrays) or builds XML text from data. DTDs are refused.",
        Icon = "code-xml",
        Settings =
        [
            new("operation", "Operation", SettingKind.Select) { Options = ["parse", "build"], Default = "parse", AllowsTemplates = false },
            new("value", "Value", SettingKind.Text) { Default = "{{ $json }}", Placeholder = "{{ $json.body }}", Description = "The XML text to parse, or the data to build from. Default: the node's input." },
            new("rootName", "Root element", SettingKind.Text)
            {
                AllowsTemplates = false, VisibleWhen = new("operation", ["build"]), Placeholder = "order",
                Description = "Name of the root element. Empty: the data's only field is the root (e.g. { \"order\": { ... } }), otherwise 'root'.",
            },
            new("indent", "Indented", SettingKind.Boolean) { Default = true, VisibleWhen = new("operation", ["build"]) },
        ],
    };

    public override IEnumerable<Validation.ValidationProblem> Validate(Model.NodeDefinition node)
    {
        if (NodeJson.String(node.Settings["rootName"]) is { Length: > 0 } root && !XmlJson.IsName(root))
            yield return new("setting.invalid", $"Node '{node.Name}': 'Root element' '{root}' is not a valid XML name.", node.Id, "rootName");
    }

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var value = DataItems.ValueOrInput(context, "value", cancellationToken);
        if (NodeJson.String(context.Setting("operation")) == "build")
            return Task.FromResult(NodeOutcome.Next(JsonValue.Create(
                XmlJson.Build(value, NodeJson.String(context.Setting("rootName")), NodeJson.Bool(context.Setting("indent")) ?? true))));

        if (!ExpressionValues.TryGetString(value, out var text))
            throw new NodeFailedException($"Parse needs XML text, but 'Value' is {ExpressionValues.TypeName(value)}.", "InvalidXml");
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            return Task.FromResult(NodeOutcome.Next(XmlJson.Parse(System.Xml.Linq.XDocument.Load(reader))));
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new NodeFailedException("The XML has a DTD (<!DOCTYPE ...>); DTDs are refused because they can expand entities or load outside files.", "InvalidXml");
        }
        catch (XmlException e)
        {
            throw new NodeFailedException($"The text is not valid XML: {e.Message}", "InvalidXml");
        }
    }
}
