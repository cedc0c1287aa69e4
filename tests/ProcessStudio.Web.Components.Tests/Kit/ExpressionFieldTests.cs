using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Components.Tests.Kit;

public sealed class ExpressionFieldTests : ComponentTest
{
    private IRenderedComponent<ExpressionField> RenderField(string? value, Action<string>? committed = null, string? error = null,
        IReadOnlyList<string>? hints = null, ExpressionMode mode = ExpressionMode.Template) =>
        Render<ExpressionField>(p => p
            .Add(f => f.Label, "Message")
            .Add(f => f.Value, value)
            .Add(f => f.Mode, mode)
            .Add(f => f.Error, error)
            .Add(f => f.Hints, hints ?? [])
            .Add(f => f.ValueChanged, text => committed?.Invoke(text)));

    [Fact]
    public void Shows_the_committed_value()
    {
        var cut = RenderField("Hello {{ $json.name }}");
        cut.Find("input").GetAttribute("value").Should().Be("Hello {{ $json.name }}");
    }

    [Fact]
    public void A_re_render_with_the_servers_older_copy_keeps_what_the_person_typed()
    {
        var cut = RenderField("Hello");
        cut.Find(".expr-field-wrap").FocusIn();
        cut.Find("input").Input("Hello, world");

        // The parent re-renders (another event) while the server still holds the old value.
        cut.Render(p => p.Add(f => f.Value, "Hello"));

        cut.Find("input").GetAttribute("value").Should().Be("Hello, world");
    }

    [Fact]
    public void Typing_does_not_commit_and_leaving_the_field_commits_once()
    {
        var commits = new List<string>();
        var cut = RenderField("", commits.Add);
        cut.Find(".expr-field-wrap").FocusIn();
        cut.Find("input").Input("{{ $json.a }}");
        commits.Should().BeEmpty();

        cut.Find("input").Blur();

        commits.Should().Equal("{{ $json.a }}");
    }

    [Fact]
    public void Enter_commits_a_single_line_field()
    {
        var commits = new List<string>();
        var cut = RenderField("", commits.Add);
        cut.Find("input").Input("done");
        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        commits.Should().Equal("done");
    }

    [Fact]
    public void A_syntax_error_shows_as_the_person_types()
    {
        var cut = RenderField("");
        cut.Find("input").Input("{{ $json.a ");
        cut.Markup.Should().Contain("mud-input-error");
    }

    [Fact]
    public void The_required_message_about_an_empty_value_goes_away_as_soon_as_a_value_is_typed()
    {
        var cut = RenderField("", error: "'URL' is required");
        cut.Markup.Should().Contain("is required");

        cut.Find(".expr-field-wrap").FocusIn();
        cut.Find("input").Input("https://example.org");

        cut.Markup.Should().NotContain("is required");
    }

    [Fact]
    public void Hints_show_while_focused_and_filter_on_the_word_being_typed()
    {
        var cut = RenderField("", hints: ["$input", "$json", "$json.status", "$vars"]);
        cut.FindAll(".expr-hint").Should().BeEmpty();

        cut.Find(".expr-field-wrap").FocusIn();
        cut.FindAll(".expr-hint").Select(b => b.TextContent).Should().Equal("$input", "$json", "$json.status", "$vars");

        cut.Find("input").Input("{{ $json.s");
        cut.FindAll(".expr-hint").Select(b => b.TextContent).Should().Equal("$json.status");
    }

    [Fact]
    public void Clicking_a_hint_completes_the_word_and_commits()
    {
        var commits = new List<string>();
        var cut = RenderField("", commits.Add, hints: ["$json", "$json.status"]);
        cut.Find(".expr-field-wrap").FocusIn();
        cut.Find("input").Input("{{ $json.st");

        cut.Find(".expr-hint").Click();

        commits.Should().Equal("{{ $json.status");
    }

    [Fact]
    public void An_unknown_name_is_warned_while_typing()
    {
        var cut = RenderField("", hints: ["$input", "$json", "$json.status"]);
        cut.Find("input").Input("{{ $jsn.status }}");
        cut.Find(".expr-warning").TextContent.Should().Contain("$jsn");
    }

    [Fact]
    public void Expression_mode_marks_the_field_with_fx()
    {
        var cut = RenderField("1 + 1", mode: ExpressionMode.Expression);
        cut.Markup.Should().Contain("fx");
    }
}
