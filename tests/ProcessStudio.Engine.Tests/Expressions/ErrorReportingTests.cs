using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class ErrorReportingTests : ExpressionTestBase
{
    [Theory]
    [InlineData("upper((1 + 2)", "Expected ')' to close '(' opened at position 6", 13)]
    [InlineData("[1, 2", "Expected ']' to close '[' opened at position 1", 5)]
    [InlineData("{a: 1", "Expected '}' to close '{' opened at position 1", 5)]
    [InlineData("1 +", "Unexpected end of expression; expected a value", 3)]
    [InlineData("", "Expression is empty", 0)]
    [InlineData("1 2", "Unexpected number 2; expected an operator or the end of the expression", 2)]
    [InlineData("(1))", "Unexpected ')' without a matching '('", 3)]
    [InlineData("'abc", "Unterminated string: missing closing '", 0)]
    [InlineData("a = 1", "Unexpected character '='; use '==' to compare", 2)]
    [InlineData("a # b", "Unexpected character '#'", 2)]
    [InlineData("$ + 1", "Expected a name after '$', such as $input or $vars", 0)]
    [InlineData("true ? 1", "Expected ':' to complete the conditional '?' at position 6", 8)]
    [InlineData("{a 1}", "Expected ':' after property name 'a', found number 1", 3)]
    [InlineData("$input.", "Expected a member name after '.'", 7)]
    [InlineData("'\\q'", "Unknown escape sequence '\\q' in string", 1)]
    [InlineData("12abc", "Invalid number '12a'", 0)]
    [InlineData("x => 1", "A lambda (x => ...) can only be passed to a function such as map or filter", 0)]
    public void Syntax_errors_have_messages_and_positions(string expression, string message, int position)
    {
        var error = Engine.Check(expression).Should().ContainSingle().Subject;
        error.Message.Should().Be(message);
        error.Position.Should().Be(position);
    }

    [Fact]
    public void Check_reports_every_unknown_function_with_a_suggestion()
    {
        var errors = Engine.Check("uper($input.name) + trimm(x) + frobnicate(1)");

        errors.Select(e => e.Message).Should().Equal(
            "Unknown function 'uper'. Did you mean 'upper'?",
            "Unknown function 'trimm'. Did you mean 'trim'?",
            "Unknown function 'frobnicate'");
        errors.Select(e => e.Position).Should().Equal(0, 20, 31);
    }

    [Fact]
    public void Check_reports_wrong_argument_counts()
    {
        var error = Engine.Check("round(1, 2, 3)").Should().ContainSingle().Subject;
        error.Message.Should().Be("Function 'round' takes 1 to 2 arguments, but got 3; usage: round(number, digits?)");
    }

    [Fact]
    public void Check_does_not_evaluate() => Engine.Check("$nothere.x / 0").Should().BeEmpty();

    [Fact]
    public void Evaluate_throws_the_parse_error_with_the_expression_text()
    {
        var act = () => Eval("upper(");
        var exception = act.Should().Throw<ExpressionException>().Which;
        exception.Expression.Should().Be("upper(");
        exception.Error.Position.Should().Be(6);
        exception.Message.Should().Contain("at position 7");
    }

    [Fact]
    public void Deep_nesting_is_rejected_instead_of_overflowing_the_stack()
    {
        var expression = new string('(', 5000) + "1" + new string(')', 5000);
        Engine.Check(expression).Should().ContainSingle().Which.Message.Should().StartWith("Expression is nested too deeply");
        Engine.Check(new string('-', 5000) + "1").Should().ContainSingle().Which.Message.Should().StartWith("Expression is nested too deeply");
    }

    [Fact]
    public void Very_long_operator_chains_are_rejected_but_long_ordinary_ones_evaluate()
    {
        EvalJson(string.Join(" + ", Enumerable.Repeat("1", 400))).Should().Be("400");
        Engine.Check(string.Join(" + ", Enumerable.Repeat("1", 5000))).Should().ContainSingle()
            .Which.Message.Should().StartWith("Expression is too long");
    }
}
