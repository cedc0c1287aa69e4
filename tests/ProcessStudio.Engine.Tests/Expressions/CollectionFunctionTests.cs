namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class CollectionFunctionTests : ExpressionTestBase
{
    [Theory]
    [InlineData("count($vars.items)", "3")]
    [InlineData("$input.tags.length()", "3")]
    [InlineData("length($input)", "5")]
    [InlineData("length(null)", "0")]
    [InlineData("first($input.tags)", "\"a\"")]
    [InlineData("last([])", "null")]
    [InlineData("keys($input.address)", "[\"city\"]")]
    [InlineData("values({a: 1, b: [2]})", "[1,[2]]")]
    [InlineData("entries({a: 1})", "[{\"key\":\"a\",\"value\":1}]")]
    [InlineData("merge({a: 1, b: 1}, null, {b: 2})", "{\"a\":1,\"b\":2}")]
    [InlineData("contains($input.tags, 'b')", "true")]
    [InlineData("contains([{a: 1}], {a: 1})", "true")]
    [InlineData("contains($input, 'age')", "true")]
    [InlineData("indexOf($input.tags, 'c')", "2")]
    [InlineData("indexOf($input.tags, 'z')", "-1")]
    [InlineData("slice([1, 2, 3, 4], 1, 3)", "[2,3]")]
    [InlineData("slice([1, 2, 3, 4], -2)", "[3,4]")]
    [InlineData("reverse([1, 2, 3])", "[3,2,1]")]
    [InlineData("sort([3, 1, 2])", "[1,2,3]")]
    [InlineData("sort(['b', 'a', 'C'])", "[\"C\",\"a\",\"b\"]")]
    [InlineData("sort($vars.items, x => x.price).map(x => x.id)", "[3,1,2]")]
    [InlineData("distinct([1, 2, 1, {a: 1}, {a: 1}])", "[1,2,{\"a\":1}]")]
    [InlineData("flatten([1, [2, [3]]])", "[1,2,[3]]")]
    [InlineData("flatten([1, [2, [3]]], 5)", "[1,2,3]")]
    [InlineData("range(4)", "[0,1,2,3]")]
    [InlineData("range(2, 5)", "[2,3,4]")]
    [InlineData("range(10, 0, -3)", "[10,7,4,1]")]
    [InlineData("isEmpty([])", "true")]
    [InlineData("isEmpty('')", "true")]
    [InlineData("isEmpty({a: null})", "false")]
    public void Collection_functions(string expression, string expected) => EvalJson(expression).Should().Be(expected);

    [Theory]
    [InlineData("map([1, 2, 3], x => x * 10)", "[10,20,30]")]
    [InlineData("$vars.items.map(x => x.id)", "[1,2,3]")]
    [InlineData("map(['a', 'b'], (x, i) => i + ':' + x)", "[\"0:a\",\"1:b\"]")]
    [InlineData("$vars.items.filter(x => x.price > 8).map(x => x.id)", "[1,2]")]
    [InlineData("filter($vars.items, x => x.price > threshold * 4).length", "1")]
    [InlineData("find($vars.items, x => x.id == 2).price", "25")]
    [InlineData("find($vars.items, x => x.id == 9)", "null")]
    [InlineData("any($input.tags, t => t == 'b')", "true")]
    [InlineData("all($vars.items, x => x.price > 1)", "true")]
    [InlineData("all([], x => false)", "true")]
    [InlineData("$input.tags.some(t => t == 'c') && $vars.items.every(x => x.id > 0)", "true")]
    [InlineData("map([[1, 2], [3]], xs => xs.map(x => x * 2))", "[[2,4],[6]]")]
    [InlineData("map([1, 2], x => map([10], y => x + y))", "[[11],[12]]")]
    [InlineData("map([1], () => 'k')", "[\"k\"]")]
    [InlineData("groupBy([{t: 'a', v: 1}, {t: 'b', v: 2}, {t: 'a', v: 3}], x => x.t)", "{\"a\":[{\"t\":\"a\",\"v\":1},{\"t\":\"a\",\"v\":3}],\"b\":[{\"t\":\"b\",\"v\":2}]}")]
    public void Lambdas(string expression, string expected) => EvalJson(expression).Should().Be(expected);

    [Fact]
    public void Lambda_parameters_shadow_variables_only_inside_the_lambda() =>
        EvalJson("[map([7], count => count * 2), count]").Should().Be("[[14],3]");

    [Theory]
    [InlineData("map([1], 5)", "Function 'map' expects a lambda such as x => x.name as argument 2")]
    [InlineData("upper(x => x)", "Argument 1 of 'upper' cannot be a lambda")]
    [InlineData("sort([1, 'a'])", "Function 'sort' needs keys that are all numbers or all text")]
    [InlineData("keys([1])", "Function 'keys' expects an object as argument 1, got array")]
    public void Collection_function_errors(string expression, string message) => EvalError(expression).Message.Should().Be(message);
}
