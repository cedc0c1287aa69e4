using System.Text.RegularExpressions;

namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class ConversionFunctionTests : ExpressionTestBase
{
    [Theory]
    [InlineData("string(12.50)", "\"12.5\"")]
    [InlineData("toString(null)", "\"\"")]
    [InlineData("string({a: [1]})", "\"{\\\"a\\\":[1]}\"")]
    [InlineData("bool('false')", "false")]
    [InlineData("bool(' TRUE ')", "true")]
    [InlineData("bool('no')", "true")]
    [InlineData("bool(0)", "false")]
    [InlineData("json($input.address)", "\"{\\\"city\\\":\\\"London\\\"}\"")]
    [InlineData("toJson('é<')", "\"\\\"é<\\\"\"")]
    [InlineData("parseJson('{\"a\": [1, 2]}').a[1]", "2")]
    [InlineData("typeOf(1)", "\"number\"")]
    [InlineData("typeOf($input.manager)", "\"null\"")]
    [InlineData("typeOf($input.tags)", "\"array\"")]
    [InlineData("[isNull(null), isString('x'), isNumber(1), isBool(false), isArray([]), isObject({})]", "[true,true,true,true,true,true]")]
    [InlineData("[isNull(0), isString(1), isNumber('1'), isBool(1), isArray({}), isObject([])]", "[false,false,false,false,false,false]")]
    [InlineData("coalesce(null, $input.manager, 'x', 'y')", "\"x\"")]
    [InlineData("coalesce(null)", "null")]
    public void Conversion_and_type_functions(string expression, string expected) => EvalJson(expression).Should().Be(expected);

    [Fact]
    public void Indented_json_spans_lines() => Eval("json({a: 1}, true)")!.GetValue<string>().Should().Contain("\n");

    [Fact]
    public void Invalid_json_text_is_a_clear_error() =>
        EvalError("parseJson('{oops')").Message.Should().StartWith("Function 'parseJson' failed:");

    [Fact]
    public void Uuid_is_a_new_uuid_each_time()
    {
        var first = Eval("uuid()")!.GetValue<string>();
        first.Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        Eval("uuid()")!.GetValue<string>().Should().NotBe(first);
    }
}
