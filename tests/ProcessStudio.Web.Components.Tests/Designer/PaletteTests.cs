using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Nodes.Data;
using ProcessStudio.Engine.Nodes.Logic;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Kit;
using ProcessStudio.Web.Ui.Pages.Designer;

namespace ProcessStudio.Web.Components.Tests.Designer;

/// <summary>The palette groups node types by category (Data nodes in their own group) and searches names, descriptions, type names and groups.</summary>
public sealed class PaletteTests : ComponentTest
{
    public PaletteTests()
    {
        Services.AddSingleton<INodeCatalog>(new NodeCatalog([new IfNode(), new FilterNode(), new SortNode(), new RemoveDuplicatesNode(), new CsvNode()]));
        Services.AddSingleton<IWebHostEnvironment>(new BuiltAssets());
        Services.AddSingleton<IconRegistry>();
        Services.AddLogging();
    }

    private IReadOnlyList<string> Groups(IRenderedComponent<Palette> palette) =>
        palette.FindAll(".palette-group-title").Select(h => h.TextContent).ToList();

    private IReadOnlyList<string> Shown(IRenderedComponent<Palette> palette) =>
        palette.FindAll(".palette-item").Select(b => b.GetAttribute("data-node-type")!).ToList();

    private void Search(IRenderedComponent<Palette> palette, string text) => palette.Find("input[type=search]").Input(text);

    [Fact]
    public void Data_nodes_have_their_own_group_with_icons_and_the_data_colour()
    {
        var palette = Render<Palette>();

        Groups(palette).Should().Equal("Logic", "Data");
        palette.FindAll(".palette-item.cat-data").Select(b => b.GetAttribute("data-node-type")).Should().Equal("csv", "filter", "remove-duplicates", "sort");
        // Each draws its own icon from the build's wwwroot/icons, not the neutral fallback box.
        palette.FindAll(".palette-item.cat-data .palette-icon svg").Select(svg => svg.InnerHtml).Should().HaveCount(4).And.OnlyHaveUniqueItems()
            .And.OnlyContain(markup => markup.Contains("<path") || markup.Contains("<rect") || markup.Contains("<circle"));
    }

    [Theory]
    [InlineData("duplicates", new[] { "remove-duplicates" })]
    [InlineData("remove-dup", new[] { "remove-duplicates" })]
    [InlineData("data", new[] { "csv", "filter", "remove-duplicates", "sort" })]
    [InlineData("ascending", new[] { "sort" })]
    public void Search_finds_nodes_by_name_type_group_and_description(string text, string[] expected)
    {
        var palette = Render<Palette>();

        Search(palette, text);

        Shown(palette).Should().Equal(expected);
    }

    [Fact]
    public void A_search_without_matches_says_so()
    {
        var palette = Render<Palette>();

        Search(palette, "teleport");

        Shown(palette).Should().BeEmpty();
        palette.Find(".palette-none").TextContent.Should().Contain("teleport");
    }
}
