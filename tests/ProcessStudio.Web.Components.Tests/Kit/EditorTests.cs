using MudBlazor;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Components.Tests.Kit;

/// <summary>The JSON editor, the secret field and the key/value editor as a person uses them.</summary>
public sealed class EditorTests : ComponentTest
{
    [Fact]
    public void Invalid_json_is_named_with_its_line_and_column_while_typing()
    {
        var cut = Render<JsonEditor>(p => p.Add(e => e.Label, "Input (JSON)").Add(e => e.Text, ""));
        cut.Find("textarea").Input("{ \"a\": ");
        cut.Markup.Should().Contain("Invalid JSON at line 1");
        cut.Instance.IsValid.Should().BeFalse();
    }

    [Fact]
    public void Valid_json_is_raised_parsed_when_the_field_is_left()
    {
        JsonNode? raised = null;
        var cut = Render<JsonEditor>(p => p.Add(e => e.Text, "").Add(e => e.ValueChanged, v => raised = v));
        cut.Find("textarea").Input("{ \"customerId\": 42 }");
        raised.Should().BeNull();
        cut.Find("textarea").Blur();
        raised!["customerId"]!.GetValue<int>().Should().Be(42);
    }

    [Fact]
    public void Invalid_json_is_not_raised()
    {
        var raised = false;
        var cut = Render<JsonEditor>(p => p.Add(e => e.Text, "").Add(e => e.ValueChanged, _ => raised = true));
        cut.Find("textarea").Input("[1, 2");
        cut.Find("textarea").Blur();
        raised.Should().BeFalse();
    }

    [Fact]
    public void A_saved_secret_is_never_shown_only_said_to_be_set_and_can_be_cleared()
    {
        var cleared = false;
        var cut = Render<SecretField>(p => p.Add(f => f.Label, "Password").Add(f => f.IsSet, true).Add(f => f.Cleared, () => cleared = true));
        var input = cut.Find("input");
        input.GetAttribute("type").Should().Be("password");
        input.GetAttribute("placeholder").Should().Be("•••• set");
        input.GetAttribute("value").Should().BeNullOrEmpty();

        cut.Find("button[aria-label='Clear Password']").Click();
        cleared.Should().BeTrue();
    }

    [Fact]
    public void An_unset_secret_offers_no_clear_button()
    {
        var cut = Render<SecretField>(p => p.Add(f => f.Label, "Password").Add(f => f.IsSet, false));
        cut.Find("input").GetAttribute("placeholder").Should().Be("Not set");
        cut.FindAll("button[aria-label='Clear Password']").Should().BeEmpty();
    }

    [Fact]
    public void A_repeated_key_is_refused_with_a_message_and_not_raised()
    {
        IReadOnlyList<KeyValuePair<string, string>>? raised = null;
        var cut = Render<KeyValueEditor>(p => p
            .Add(e => e.Label, "Headers")
            .Add(e => e.Value, [new("Accept", "application/json")])
            .Add(e => e.ValueChanged, v => raised = v));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Add")).Click();
        cut.Find("input[aria-label='Headers key 2']").Change("Accept");

        cut.Markup.Should().Contain("Accept").And.Contain("appears more than once");
        raised.Should().BeNull();
    }

    [Fact]
    public void A_changed_row_raises_the_whole_list()
    {
        IReadOnlyList<KeyValuePair<string, string>>? raised = null;
        var cut = Render<KeyValueEditor>(p => p
            .Add(e => e.Label, "Headers")
            .Add(e => e.Value, [new("Accept", "application/json")])
            .Add(e => e.ValueChanged, v => raised = v));
        cut.Find("input[aria-label='Headers value 1']").Change("text/plain");
        raised.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("Accept", "text/plain"));
    }

    [Fact]
    public void The_json_tree_folds_deep_levels_and_counts_their_members()
    {
        var value = JsonNode.Parse("""{ "order": { "lines": [ { "sku": "A" }, { "sku": "B" } ] } }""");
        var cut = Render<JsonTree>(p => p.Add(t => t.Value, value).Add(t => t.OpenDepth, 1));

        string? Expanded(string key) => cut.FindAll(".mud-treeview-item-content")
            .Single(row => row.QuerySelector(":scope > .jt-row > .jt-key")?.TextContent == key + ":" || (key == "" && row.QuerySelector(":scope > .jt-row > .jt-key") is null))
            .QuerySelector("button")!.GetAttribute("aria-expanded");

        Expanded("").Should().Be("true");
        Expanded("order").Should().Be("false");
        cut.Find(".jt-count").TextContent.Should().Be("{ 1 key }");

        cut.FindAll("button[aria-label=Expand]")[0].Click();   // unfold "order"
        Expanded("order").Should().Be("true");
        Expanded("lines").Should().Be("false");
        cut.Markup.Should().Contain("[ 2 items ]");
    }

    [Fact]
    public void The_json_tree_shows_strings_as_written_without_escapes()
    {
        var value = JsonNode.Parse("""{ "csp": "script-src 'self' <inline> & more", "ok": true }""");
        var cut = Render<JsonTree>(p => p.Add(t => t.Value, value));

        cut.Find(".jt-string").TextContent.Should().Be("\"script-src 'self' <inline> & more\"");
        cut.Markup.Should().NotContain("\\u0027").And.NotContain("\\u003C");
        cut.Find(".jt-bool").TextContent.Should().Be("true");
    }
}
