namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class StringFunctionTests : ExpressionTestBase
{
    [Theory]
    [InlineData("upper('abc')", "\"ABC\"")]
    [InlineData("$input.name.upper()", "\"ADA\"")]
    [InlineData("$input.name.toUpperCase()", "\"ADA\"")]
    [InlineData("lower('AbC')", "\"abc\"")]
    [InlineData("'  x '.trim()", "\"x\"")]
    [InlineData("trimStart('  x ')", "\"x \"")]
    [InlineData("trimEnd('  x ')", "\"  x\"")]
    [InlineData("length('hello')", "5")]
    [InlineData("'hello'.contains('ell')", "true")]
    [InlineData("'hello'.includes('xyz')", "false")]
    [InlineData("startsWith('hello', 'he')", "true")]
    [InlineData("endsWith('hello', 'LO')", "false")]
    [InlineData("replace('a-b-c', '-', '+')", "\"a+b+c\"")]
    [InlineData("'a.b'.replaceAll('.', '')", "\"ab\"")]
    [InlineData("split('a,b,,c', ',')", "[\"a\",\"b\",\"\",\"c\"]")]
    [InlineData("split('abc', '')", "[\"a\",\"b\",\"c\"]")]
    [InlineData("join($input.tags, '|')", "\"a|b|c\"")]
    [InlineData("[1, null, 'x'].join()", "\"1x\"")]
    [InlineData("substring('hello', 1, 3)", "\"ell\"")]
    [InlineData("substring('hello', -3)", "\"llo\"")]
    [InlineData("substring('hello', 10)", "\"\"")]
    [InlineData("padStart('7', 3, '0')", "\"007\"")]
    [InlineData("padEnd('ab', 5, 'xy')", "\"abxyx\"")]
    [InlineData("padStart('long', 2)", "\"long\"")]
    [InlineData("repeat('ab', 3)", "\"ababab\"")]
    [InlineData("format('{0} is {1} ({0})', $input.name, $input.age)", "\"Ada is 36 (Ada)\"")]
    [InlineData("format('{5} {x}', 1)", "\"{5} {x}\"")]
    [InlineData("concat('a', 1, null, true, ['b', 'c'])", "\"a1truebc\"")]
    [InlineData("indexOf('hello', 'l')", "2")]
    [InlineData("slice('hello', 1, -1)", "\"ell\"")]
    [InlineData("reverse('abc')", "\"cba\"")]
    [InlineData("first('abc') + last('abc')", "\"ac\"")]
    public void String_functions(string expression, string expected) => EvalJson(expression).Should().Be(expected);

    [Fact]
    public void String_functions_reject_other_types_with_the_function_name()
    {
        var error = EvalError("upper($input.age)");
        error.Message.Should().Be("Function 'upper' expects text as argument 1, got number");
        error.Position.Should().Be(0);
        error.Length.Should().Be(5);
    }
}
