using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class ValueSemanticsTests : ExpressionTestBase
{
    [Fact]
    public void Numbers_work_whatever_clr_type_backs_them()
    {
        var scope = new ExpressionScope().Set("$vars", new JsonObject
        {
            ["i"] = 2,
            ["l"] = 3L,
            ["m"] = 1.5m,
            ["f"] = 0.5f,
            ["e"] = JsonNode.Parse("4"),
        });

        Engine.Evaluate("i + l + m + f + e", scope)!.GetValue<long>().Should().Be(11);
        Engine.Evaluate("m == 1.5 && e == 4", scope)!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void Clr_dates_in_scope_read_as_text()
    {
        var scope = new ExpressionScope().Set("$vars", new JsonObject { ["at"] = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero) });
        ExpressionValues.ToDisplayString(Engine.Evaluate("addHours(at, 1)", scope)).Should().Be("2026-05-01T09:00:00.000Z");
    }

    [Theory]
    [InlineData("null", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("\"\"", false)]
    [InlineData("true", true)]
    [InlineData("-1", true)]
    [InlineData("\"0\"", true)]
    [InlineData("[]", true)]
    [InlineData("{}", true)]
    public void Truthiness_is_javascript_like(string json, bool truthy) =>
        ExpressionValues.IsTruthy(JsonNode.Parse(json)).Should().Be(truthy);

    [Theory]
    [InlineData("null", "")]
    [InlineData("\"text\"", "text")]
    [InlineData("2.50", "2.5")]
    [InlineData("true", "true")]
    [InlineData("[1,\"é\"]", "[1,\"é\"]")]
    public void Display_text_is_what_templates_splice_in(string json, string text) =>
        ExpressionValues.ToDisplayString(JsonNode.Parse(json)).Should().Be(text);
}
