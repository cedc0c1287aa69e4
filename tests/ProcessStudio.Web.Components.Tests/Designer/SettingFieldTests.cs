using System.Text.Json.Nodes;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Pages.Designer;

namespace ProcessStudio.Web.Components.Tests.Designer;

/// <summary>The settings form is generated from a node type's schema: each kind gets its control and reports JSON values.</summary>
public sealed class SettingFieldTests : ComponentTest
{
    private readonly List<(string Name, JsonNode? Value)> _changes = [];

    private IRenderedComponent<SettingField> RenderSetting(SettingDescriptor setting, JsonObject? values = null, string? error = null,
        Action<string>? typing = null)
    {
        Render<MudBlazor.MudPopoverProvider>();
        return Render<SettingField>(p =>
        {
            p.Add(f => f.Setting, setting)
             .Add(f => f.Values, values ?? new JsonObject())
             .Add(f => f.Error, error)
             .Add(f => f.Changed, change => _changes.Add(change));
            if (typing is not null) p.Add(f => f.Typing, typing);
        });
    }

    [Fact]
    public void A_template_text_setting_is_an_expression_field_with_its_value()
    {
        var cut = RenderSetting(new SettingDescriptor("message", "Message", SettingKind.Text), new JsonObject { ["message"] = "Hi {{ $json.name }}" });
        cut.FindAll(".expr-field-wrap").Should().ContainSingle();
        cut.Find("input").GetAttribute("value").Should().Be("Hi {{ $json.name }}");
        cut.Find("label").TextContent.Should().Contain("Message");
    }

    [Fact]
    public void A_plain_text_setting_commits_once_on_blur_and_reports_each_keystroke_to_typing()
    {
        var typed = new List<string>();
        var cut = RenderSetting(new SettingDescriptor("cron", "Cron expression", SettingKind.Text) { AllowsTemplates = false }, typing: typed.Add);
        var input = cut.Find("input");
        input.Input("0 6");
        input.Input("0 6 * * 1");
        _changes.Should().BeEmpty();
        typed.Should().Equal("0 6", "0 6 * * 1");

        input.Blur();

        _changes.Should().ContainSingle();
        _changes[0].Name.Should().Be("cron");
        _changes[0].Value!.GetValue<string>().Should().Be("0 6 * * 1");
    }

    [Fact]
    public void A_code_setting_is_a_monospace_text_area_that_keeps_new_lines_and_shows_the_syntax_error()
    {
        const string script = "const a = 1;\nreturn a +;";
        var cut = RenderSetting(new SettingDescriptor("code", "JavaScript", SettingKind.Code) { AllowsTemplates = false },
            new JsonObject { ["code"] = script }, error: "'JavaScript' has a syntax error at line 2, column 11: Unexpected token ';'");

        var area = cut.Find(".code-field textarea");
        area.TextContent.Should().Be(script);
        cut.Markup.Should().Contain("line 2, column 11");

        area.Input("return 42;\nconsole.log(1);");
        area.Blur();
        _changes.Should().ContainSingle().Which.Value!.GetValue<string>().Should().Be("return 42;\nconsole.log(1);");
    }

    [Fact]
    public void A_secret_setting_is_a_password_input()
    {
        var cut = RenderSetting(new SettingDescriptor("token", "Token", SettingKind.Secret));
        cut.Find("input").GetAttribute("type").Should().Be("password");
    }

    [Fact]
    public void An_expression_setting_is_marked_fx()
    {
        var cut = RenderSetting(new SettingDescriptor("condition", "Condition", SettingKind.Expression));
        cut.Markup.Should().Contain("fx");
    }

    [Fact]
    public void A_boolean_setting_is_a_switch_that_reports_true_or_false()
    {
        var cut = RenderSetting(new SettingDescriptor("failOnError", "Fail on error", SettingKind.Boolean), new JsonObject { ["failOnError"] = false });
        var box = cut.Find("input[type=checkbox]");
        box.Change(true);
        _changes.Should().ContainSingle();
        _changes[0].Name.Should().Be("failOnError");
        _changes[0].Value!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void A_number_setting_reports_a_number()
    {
        var cut = RenderSetting(new SettingDescriptor("timeout", "Timeout", SettingKind.Number) { Min = 0, Max = 100 });
        cut.Find("input").Change("42");
        _changes.Should().ContainSingle();
        _changes[0].Value!.GetValue<double>().Should().Be(42);
    }

    [Fact]
    public void A_string_list_setting_reports_one_array_item_per_line()
    {
        var cut = RenderSetting(new SettingDescriptor("tags", "Tags", SettingKind.StringList));
        cut.Find("textarea").Change("red\ngreen");
        _changes.Should().ContainSingle();
        _changes[0].Value!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("red", "green");
    }

    [Fact]
    public void A_duration_setting_explains_a_value_it_cannot_read()
    {
        var cut = RenderSetting(new SettingDescriptor("wait", "Wait", SettingKind.Duration), new JsonObject { ["wait"] = "five minutes" });
        cut.Find(".mud-input-helper-text").TextContent.Should().NotBeNullOrWhiteSpace();
        cut.Markup.Should().Contain("mud-input-error");
    }

    [Fact]
    public void The_validators_message_is_shown_under_the_field()
    {
        var cut = RenderSetting(new SettingDescriptor("url", "URL", SettingKind.Text) { Required = true }, error: "'URL' is required");
        cut.Markup.Should().Contain("is required");
        cut.Find("input").GetAttribute("aria-required").Should().Be("true");
    }

    [Fact]
    public void A_select_setting_shows_its_value_and_offers_its_options()
    {
        var cut = RenderSetting(new SettingDescriptor("method", "Method", SettingKind.Select) { Options = ["GET", "POST"], Required = true },
            new JsonObject { ["method"] = "POST" });
        cut.Find("input").GetAttribute("value").Should().Be("POST");
    }
}
