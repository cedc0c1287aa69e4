using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class TemplateTests : ExpressionTestBase
{
    private string Render(string template) => ExpressionValues.ToJson(Engine.EvaluateTemplate(template, CreateScope()));

    [Theory]
    [InlineData("Hello {{ $input.name }}!", "\"Hello Ada!\"")]
    [InlineData("{{ $input.age }} years", "\"36 years\"")]
    [InlineData("{{$input.name}}{{$input.age}}", "\"Ada36\"")]
    [InlineData("tags: {{ $input.tags }}", "\"tags: [\\\"a\\\",\\\"b\\\",\\\"c\\\"]\"")]
    [InlineData("manager: [{{ $input.manager }}]", "\"manager: []\"")]
    [InlineData("plain text", "\"plain text\"")]
    public void Multi_part_templates_are_stringified(string template, string expected) =>
        Render(template).Should().Be(expected);

    [Theory]
    [InlineData("{{ $input.age }}", "36")]
    [InlineData("  {{ $input.address }}  ", "{\"city\":\"London\"}")]
    [InlineData("{{ $input.manager }}", "null")]
    [InlineData("{{ $input.age > 30 }}", "true")]
    [InlineData("{{ {a: {b: 1}} }}", "{\"a\":{\"b\":1}}")]
    [InlineData("{{ {a: {b: 1}}}}", "{\"a\":{\"b\":1}}")]
    public void A_single_part_template_returns_the_raw_value(string template, string expected) =>
        Render(template).Should().Be(expected);

    [Theory]
    [InlineData("{{ '}}' + $input.name }}", "\"}}Ada\"")]
    [InlineData("x{{ \"a}}b\" }}y", "\"xa}}by\"")]
    [InlineData("{{ 'it\\'s }}' }}", "\"it's }}\"")]
    public void Closing_braces_inside_string_literals_do_not_end_the_part(string template, string expected) =>
        Render(template).Should().Be(expected);

    [Fact]
    public void Errors_point_into_the_whole_template()
    {
        var act = () => Engine.EvaluateTemplate("Hi {{ $input.manager.name }}", CreateScope());
        var error = act.Should().Throw<ExpressionException>().Which;
        error.Error.Position.Should().Be("Hi {{ $input.manager.".Length);
        error.Expression.Should().Be("Hi {{ $input.manager.name }}");
    }

    [Fact]
    public void CheckTemplate_reports_parse_errors_of_every_part_with_template_positions()
    {
        var errors = Engine.CheckTemplate("{{ uper($input.name) }} and {{ 1 + }}");
        errors.Should().HaveCount(2);
        errors[0].Message.Should().Be("Unknown function 'uper'. Did you mean 'upper'?");
        errors[0].Position.Should().Be(3);
        errors[1].Message.Should().Be("Unexpected end of expression; expected a value");
        errors[1].Position.Should().Be("{{ uper($input.name) }} and {{ 1 + ".Length);
    }

    [Fact]
    public void Runtime_errors_in_a_later_part_point_at_that_part()
    {
        const string template = "{{ $input.name }} lives in {{ 'x' - 1 }}";
        var act = () => Engine.EvaluateTemplate(template, CreateScope());
        var error = act.Should().Throw<ExpressionException>().Which.Error;
        error.Message.Should().Be("Operator '-' cannot be applied to string and number");
        error.Position.Should().Be(template.IndexOf(" - ", StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void Empty_part_is_an_error() =>
        Engine.CheckTemplate("a {{ }} b").Should().ContainSingle().Which.Should().Be(new ExpressionError("Expression is empty", 5, 1));

    [Fact]
    public void Unclosed_part_is_reported_at_its_opening()
    {
        var errors = Engine.CheckTemplate("ok {{ $input.name ");
        errors.Should().ContainSingle().Which.Should().Be(new ExpressionError("Expected '}}' to close '{{' opened at position 4", 3, 2));
    }

    [Fact]
    public void IsTemplate_detects_parts() 
    {
        Engine.IsTemplate("a {{ b }}").Should().BeTrue();
        Engine.IsTemplate("just text { }").Should().BeFalse();
    }

    [Fact]
    public void EvaluateDeep_renders_every_string_and_returns_new_nodes()
    {
        var settings = JsonNode.Parse("""
            { "url": "https://api/{{ $input.name }}", "count": "{{ $vars.count }}", "fixed": 5,
              "headers": [{ "name": "X-Age", "value": "{{ $input.age }}" }], "nothing": null, "tags": "{{ $input.tags }}" }
            """);

        var result = Engine.EvaluateDeep(settings, CreateScope())!;

        result.ToJsonString().Should().Be(
            """{"url":"https://api/Ada","count":3,"fixed":5,"headers":[{"name":"X-Age","value":36}],"nothing":null,"tags":["a","b","c"]}""");
        settings!["url"]!.GetValue<string>().Should().Contain("{{");
        new JsonObject { ["tags"] = result["tags"]!.DeepClone(), ["again"] = Engine.EvaluateDeep(settings, CreateScope()) }
            .Should().NotBeNull();
    }
}
