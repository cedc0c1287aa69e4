using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Nodes.Data;

/// <summary>
/// docs/nodes.md has a section for every node type, and every example there with Settings, Input and Output blocks
/// gives exactly that output when the node runs, so the catalogue cannot drift from what the nodes do.
/// </summary>
public sealed partial class NodeCatalogueDocTests : DataNodeFixture
{
    [GeneratedRegex(@"^### .*\(`(?<type>[a-z0-9-]+)`\)\s*$", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^(?<label>Settings|Input|Output):\s*\n+```json\n(?<json>.*?)```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    private static readonly string Doc = RepositoryFiles.Read("docs", "nodes.md");

    private static Dictionary<string, string> Sections()
    {
        var headings = SectionHeading().Matches(Doc).ToList();
        return headings.Select((h, i) => (h.Groups["type"].Value, Doc[h.Index..(i + 1 < headings.Count ? headings[i + 1].Index : Doc.Length)]))
            .ToDictionary(s => s.Item1, s => s.Item2);
    }

    [Fact]
    public void Every_node_type_has_a_section_with_a_json_example()
    {
        var sections = Sections();
        foreach (var type in Services.GetRequiredService<INodeCatalog>().All)
        {
            sections.Should().ContainKey(type.Type, $"docs/nodes.md needs a '### {type.DisplayName} (`{type.Type}`)' section");
            sections[type.Type].Should().Contain("```json", $"the section of {type.Type} needs an example");
        }
    }

    public static TheoryData<string> RunnableExamples() => [.. Sections().Where(s => ExampleBlock().Matches(s.Value).Any(m => m.Groups["label"].Value == "Output")).Select(s => s.Key)];

    [Theory]
    [MemberData(nameof(RunnableExamples))]
    public async Task The_documented_example_gives_the_documented_output(string type)
    {
        var blocks = ExampleBlock().Matches(Sections()[type]).ToDictionary(m => m.Groups["label"].Value, m => JsonNode.Parse(m.Groups["json"].Value));

        var output = await OutputAsync(type, blocks["Settings"]!, blocks.GetValueOrDefault("Input"));

        JsonNode.DeepEquals(output, blocks["Output"]).Should().BeTrue($"docs/nodes.md says {blocks["Output"]?.ToJsonString()}, the node gave {output?.ToJsonString()}");
    }
}
