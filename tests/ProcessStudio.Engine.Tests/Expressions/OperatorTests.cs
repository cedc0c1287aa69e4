namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class OperatorTests : ExpressionTestBase
{
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("2 * 3 % 4", "2")]
    [InlineData("7 / 2", "3.5")]
    [InlineData("-2 * -3", "6")]
    [InlineData("1.5e2", "150")]
    [InlineData(".5 + .25", "0.75")]
    [InlineData("$vars.count * $vars.threshold", "7.5")]
    [InlineData("count + 1", "4")]
    public void Arithmetic_follows_usual_precedence_and_prints_whole_numbers_without_fraction(string expression, string expected) =>
        EvalJson(expression).Should().Be(expected);

    [Theory]
    [InlineData("'a' + 'b'", "\"ab\"")]
    [InlineData("'n=' + 5", "\"n=5\"")]
    [InlineData("2.5 + ' km'", "\"2.5 km\"")]
    [InlineData("'x' + null", "\"x\"")]
    [InlineData("'obj ' + {a: 1}", "\"obj {\\\"a\\\":1}\"")]
    [InlineData("[1] + [2, 3]", "[1,2,3]")]
    public void Plus_concatenates_text_and_arrays(string expression, string expected) =>
        EvalJson(expression).Should().Be(expected);

    [Theory]
    [InlineData("1 < 2", true)]
    [InlineData("2 <= 2", true)]
    [InlineData("3 > 4", false)]
    [InlineData("'b' >= 'a'", true)]
    [InlineData("1 == 1.0", true)]
    [InlineData("1 == '1'", false)]
    [InlineData("null == null", true)]
    [InlineData("$input.manager == null", true)]
    [InlineData("$input.missing == null", true)]
    [InlineData("[1, {a: 2}] == [1, {a: 2}]", true)]
    [InlineData("{a: 1, b: 2} == {b: 2, a: 1}", true)]
    [InlineData("{a: 1} != {a: 2}", true)]
    [InlineData("'abc' === 'abc'", true)]
    [InlineData("1 + 1 == 2 && 3 > 2", true)]
    public void Comparisons_and_deep_equality(string expression, bool expected) =>
        EvalJson(expression).Should().Be(expected ? "true" : "false");

    [Theory]
    [InlineData("null || 'default'", "\"default\"")]
    [InlineData("'' || 'default'", "\"default\"")]
    [InlineData("0 || 5", "5")]
    [InlineData("'set' || 'default'", "\"set\"")]
    [InlineData("1 && 'second'", "\"second\"")]
    [InlineData("0 && 'second'", "0")]
    [InlineData("!0", "true")]
    [InlineData("![]", "false")]
    [InlineData("!{}", "false")]
    [InlineData("not true", "false")]
    [InlineData("true and false or true", "true")]
    [InlineData("0 ?? 5", "0")]
    [InlineData("null ?? 5", "5")]
    [InlineData("$input.manager ?? $input.name", "\"Ada\"")]
    [InlineData("$input.age > 18 ? 'adult' : 'minor'", "\"adult\"")]
    [InlineData("false ? 1 : true ? 2 : 3", "2")]
    [InlineData("1 == 2 || 2 == 2", "true")]
    public void Logic_is_javascript_like(string expression, string expected) =>
        EvalJson(expression).Should().Be(expected);

    [Fact]
    public void Logical_operators_short_circuit_so_the_right_side_may_fail()
    {
        EvalJson("false && $input.manager.name").Should().Be("false");
        EvalJson("true || $input.manager.name").Should().Be("true");
        EvalJson("'x' ?? $input.manager.name").Should().Be("\"x\"");
    }

    [Theory]
    [InlineData("'a' - 1", "Operator '-' cannot be applied to string and number", 4)]
    [InlineData("1 < 'b'", "Operator '<' cannot be applied to number and string", 2)]
    [InlineData("-'a'", "Operator '-' cannot be applied to string", 0)]
    [InlineData("null * 2", "Operator '*' cannot be applied to null and number", 5)]
    [InlineData("1 / 0", "Division by zero", 2)]
    [InlineData("5 % 0", "Division by zero", 2)]
    public void Type_errors_name_the_operator_and_operand_types(string expression, string message, int position)
    {
        var error = EvalError(expression);
        error.Message.Should().Be(message);
        error.Position.Should().Be(position);
    }

    [Fact]
    public void Literals_build_arrays_and_objects()
    {
        EvalJson("""[1, 'two', true, null, [3]]""").Should().Be("""[1,"two",true,null,[3]]""");
        EvalJson("""{a: 1, "b c": $input.name, 'd': [$vars.count], }""").Should().Be("""{"a":1,"b c":"Ada","d":[3]}""");
        EvalJson("{a: 1, a: 2}").Should().Be("""{"a":2}""");
        EvalJson("""'it\'s "quoted"\n\u0041'""").Should().Be("\"it's \\\"quoted\\\"\\n" + "A\"");
    }
}
