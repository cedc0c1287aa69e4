using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// The mapping between XML and JSON: an element is an object whose attributes are "@name" fields, child elements are
/// fields (an array when a name repeats) and text beside attributes or children is "#text"; an element with only text
/// is that text. Names are local names (namespace prefixes are dropped). The root is one field: { "order": { ... } }.
/// </summary>
public static class XmlJson
{
    public const string TextField = "#text";

    public static bool IsName(string name)
    {
        try { XmlConvert.VerifyName(name); return true; }
        catch (XmlException) { return false; }
    }

    public static JsonObject Parse(XDocument document) =>
        new() { [document.Root!.Name.LocalName] = Element(document.Root) };

    private static JsonNode? Element(XElement element)
    {
        var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration).ToList();
        var children = element.Elements().ToList();
        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value));
        if (attributes.Count == 0 && children.Count == 0) return JsonValue.Create(text);

        var obj = new JsonObject();
        foreach (var attribute in attributes) obj["@" + attribute.Name.LocalName] = attribute.Value;
        foreach (var group in children.GroupBy(c => c.Name.LocalName))
            obj[group.Key] = group.Count() == 1 ? Element(group.First()) : new JsonArray([.. group.Select(Element)]);
        if (!string.IsNullOrWhiteSpace(text)) obj[TextField] = text.Trim();
        return obj;
    }

    public static string Build(JsonNode? value, string? rootName, bool indent)
    {
        var (name, content) = string.IsNullOrEmpty(rootName) && value is JsonObject { Count: 1 } single
            ? (single.First().Key, single.First().Value)
            : (string.IsNullOrEmpty(rootName) ? "root" : rootName, value);
        var root = new XElement(Name(name));
        Fill(root, content);
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = indent, OmitXmlDeclaration = true }))
            new XDocument(root).Save(writer);
        return text.ToString();
    }

    private static void Fill(XElement element, JsonNode? value)
    {
        switch (value)
        {
            case null:
                return;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (key == TextField) element.Add(new XText(Scalar(child)));
                    else if (key.StartsWith('@')) element.SetAttributeValue(Name(key[1..]), Scalar(child));
                    else if (child is JsonArray repeated)
                        foreach (var item in repeated) element.Add(Child(key, item));
                    else element.Add(Child(key, child));
                }
                return;
            case JsonArray array:
                foreach (var item in array) element.Add(Child("item", item));
                return;
            default:
                element.Value = Scalar(value);
                return;
        }
    }

    private static XElement Child(string name, JsonNode? value)
    {
        var child = new XElement(Name(name));
        Fill(child, value);
        return child;
    }

    private static string Scalar(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static XName Name(string name) => IsName(name)
        ? XName.Get(name)
        : throw new NodeFailedException($"'{name}' cannot be an XML element or attribute name.", "InvalidXml");
}
