using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class MemberAccessTests : ExpressionTestBase
{
    [Theory]
    [InlineData("$input.name", "\"Ada\"")]
    [InlineData("$input.address.city", "\"London\"")]
    [InlineData("$input['address']['city']", "\"London\"")]
    [InlineData("$node[\"HTTP Request\"].body.ok", "true")]
    [InlineData("$execution.workflowName", "\"Demo\"")]
    [InlineData("$input.tags[0]", "\"a\"")]
    [InlineData("$input.tags[-1]", "\"c\"")]
    [InlineData("$input.tags[5]", "null")]
    [InlineData("$input.tags.length", "3")]
    [InlineData("$input.name.length", "3")]
    [InlineData("$input.name[1]", "\"d\"")]
    [InlineData("$input.missing", "null")]
    [InlineData("$vars.items[1].price", "25")]
    [InlineData("label", "\"run\"")]
    [InlineData("items[0].id", "1")]
    public void Reads_members_and_indexes(string expression, string expected) =>
        EvalJson(expression).Should().Be(expected);

    [Fact]
    public void Reading_a_member_of_null_names_the_null_path()
    {
        var error = EvalError("$input.manager.name");
        error.Message.Should().Be("Cannot read 'name' of null ($input.manager is null; use ?. to allow null)");
        error.Position.Should().Be("$input.manager.".Length);
        error.Length.Should().Be(4);
    }

    [Theory]
    [InlineData("$input.manager?.name", "null")]
    [InlineData("$input.manager?.name.first", "null")]
    [InlineData("$input.manager?.['name']", "null")]
    [InlineData("$input.manager?.upper()", "null")]
    [InlineData("$input.address?.city", "\"London\"")]
    [InlineData("$input.manager?.name ?? 'nobody'", "\"nobody\"")]
    public void Optional_chaining_makes_the_rest_of_the_chain_null_safe(string expression, string expected) =>
        EvalJson(expression).Should().Be(expected);

    [Fact]
    public void Unknown_bare_name_is_an_error_with_its_position()
    {
        var error = EvalError("1 + nope");
        error.Message.Should().Be("Unknown name 'nope'");
        error.Position.Should().Be(4);
        error.Length.Should().Be(4);
    }

    [Fact]
    public void Bare_name_that_matches_a_root_suggests_the_dollar_form() =>
        EvalError("input.name").Message.Should().Be("Unknown name 'input'. Did you mean '$input'?");

    [Fact]
    public void Unknown_root_lists_the_available_roots() =>
        EvalError("$inptu.name").Message.Should().Be("Unknown name '$inptu'; available: $execution, $input, $node, $vars");

    [Theory]
    [InlineData("$input.name.first", "Cannot read 'first' of string")]
    [InlineData("$input.tags.name", "Cannot read 'name' of array")]
    [InlineData("$input.tags['x']", "Cannot index array with string \"x\"")]
    [InlineData("$input.age[0]", "Cannot index number with number 0")]
    public void Member_access_on_the_wrong_type_is_an_error(string expression, string message) =>
        EvalError(expression).Message.Should().Be(message);

    [Fact]
    public void Loop_roots_are_visible_when_set()
    {
        var scope = new ExpressionScope().Set("$item", JsonNode.Parse("""{ "sku": "X1" }""")).Set("$index", 4);
        Engine.Evaluate("$item.sku + '#' + $index", scope)!.GetValue<string>().Should().Be("X1#4");
    }

    [Fact]
    public void Results_never_alias_the_scope()
    {
        var scope = CreateScope();
        var address = Engine.Evaluate("$input.address", scope);
        var input = Engine.Evaluate("$input", scope);

        address!.Parent.Should().BeNull();
        new JsonObject { ["copy"] = input }.Should().NotBeNull();
        address["city"] = "Paris";

        Engine.Evaluate("$input.address.city", scope)!.GetValue<string>().Should().Be("London");
    }

    [Fact]
    public void Whole_number_results_read_back_as_integers_and_fractions_as_doubles()
    {
        Eval("2 * 21")!.GetValue<long>().Should().Be(42);
        Eval("1 / 4")!.GetValue<double>().Should().Be(0.25);
    }
}
