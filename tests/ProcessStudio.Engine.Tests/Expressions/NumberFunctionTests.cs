namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class NumberFunctionTests : ExpressionTestBase
{
    [Theory]
    [InlineData("round(2.345, 2)", "2.35")]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("(10 / 3).round(1)", "3.3")]
    [InlineData("toFixed(2.5, 2)", "\"2.50\"")]
    [InlineData("(1 / 3).toFixed(3)", "\"0.333\"")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("ceil(1.2)", "2")]
    [InlineData("abs(-4)", "4")]
    [InlineData("min(3, 1, 2)", "1")]
    [InlineData("max([3, 9, 2])", "9")]
    [InlineData("sum(map($vars.items, x => x.price))", "40")]
    [InlineData("sum([])", "0")]
    [InlineData("avg([1, 2, 3, 4])", "2.5")]
    [InlineData("number('  12.5 ')", "12.5")]
    [InlineData("toNumber('1e3')", "1000")]
    [InlineData("number(true)", "1")]
    [InlineData("toInt(-7.9)", "-7")]
    [InlineData("toInt('42.7')", "42")]
    [InlineData("0.1 + 0.2", "0.30000000000000004")]
    public void Number_functions(string expression, string expected) => EvalJson(expression).Should().Be(expected);

    [Theory]
    [InlineData("number('abc')", "Cannot convert string \"abc\" to a number")]
    [InlineData("number(null)", "Cannot convert null null to a number")]
    [InlineData("max([])", "Function 'max' needs at least one number")]
    [InlineData("sum([1, 'two'])", "Function 'sum' works on numbers, but got string \"two\"")]
    [InlineData("round(1.5, 1.5)", "Function 'round' expects a whole number as argument 2, got 1.5")]
    public void Number_function_errors(string expression, string message) => EvalError(expression).Message.Should().Be(message);
}
