using System.Reflection;
using System.Text.RegularExpressions;

namespace ProcessStudio.Web.Api.NodeTypes;

/// <summary>
/// The node catalogue's documentation: docs/nodes.md, embedded at build time, split into one Markdown section per node
/// type. A section starts with a level-3 heading that names the type in backticks, e.g. <c>### Filter (`filter`)</c>.
/// </summary>
public static partial class NodeDocs
{
    private const string ResourceName = "ProcessStudio.Web.Docs.nodes.md";
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Sections = new(Load);

    [GeneratedRegex(@"^### .*\(`(?<type>[a-z0-9-]+)`\)\s*$")]
    private static partial Regex SectionHeading();

    /// <summary>The Markdown section of a node type (heading included), or null when docs/nodes.md has none.</summary>
    public static string? For(string type) => Sections.Value.GetValueOrDefault(type);

    /// <summary>Splits the catalogue; internal so tests can feed it text.</summary>
    internal static IReadOnlyDictionary<string, string> Split(string markdown)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var lines = new List<string>();
        foreach (var line in markdown.Split('\n'))
        {
            var heading = SectionHeading().Match(line.TrimEnd('\r'));
            if (heading.Success || line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (current is not null) sections[current] = string.Join('\n', lines).Trim();
                current = heading.Success ? heading.Groups["type"].Value : null;
                lines.Clear();
            }
            if (current is not null) lines.Add(line.TrimEnd('\r'));
        }
        if (current is not null) sections[current] = string.Join('\n', lines).Trim();
        return sections;
    }

    private static IReadOnlyDictionary<string, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName);
        if (stream is null) return new Dictionary<string, string>();
        using var reader = new StreamReader(stream);
        return Split(reader.ReadToEnd());
    }
}
