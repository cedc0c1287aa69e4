using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class EngineServiceTests : ExpressionTestBase
{
    [Fact]
    public void Completions_list_roots_member_paths_and_functions()
    {
        var completions = Engine.Completions(CreateScope());

        completions.Should().ContainInOrder("$execution", "$input", "$node", "$vars");
        completions.Should().Contain(["$input.name", "$input.address.city", "$input.tags[0]", "$vars.items[0].price",
            "$node[\"HTTP Request\"].status", "$node[\"HTTP Request\"].body.ok", "upper()", "map()"]);
        completions.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Completions_stop_at_the_path_limit_keeping_shallow_paths()
    {
        var wide = new JsonObject();
        for (var i = 0; i < 500; i++) wide[$"field{i}"] = new JsonObject { ["deep"] = i };
        var scope = new ExpressionScope().Set("$json", wide);

        var completions = Engine.Completions(scope);

        completions.Where(c => c.StartsWith('$')).Should().HaveCount(200);
        completions.Should().Contain("$json.field198").And.NotContain("$json.field0.deep");
    }

    [Fact]
    public void Conditions_may_be_written_as_one_template_part()
    {
        Engine.Evaluate("{{ $input.age > 30 }}", CreateScope())!.GetValue<bool>().Should().BeTrue();
        Engine.Check("{{ $input.age > }}").Should().ContainSingle().Which.Position.Should().Be("{{ $input.age > ".Length);
    }

    [Fact]
    public void Function_list_describes_every_function()
    {
        var functions = Engine.Functions;

        functions.Should().Contain(f => f.Name == "round" && f.Signature == "round(number, digits?)");
        functions.Should().OnlyContain(f => f.Signature.StartsWith(f.Name + "(") && f.Description.Length > 0);
    }

    [Fact]
    public void Parsed_expressions_are_cached_within_the_capacity()
    {
        var engine = new ExpressionEngine(new ExpressionEngineOptions { CacheCapacity = 8 });
        for (var i = 0; i < 100; i++) engine.Evaluate($"{i} + 1", new ExpressionScope())!.GetValue<long>().Should().Be(i + 1);
        engine.Evaluate("99 + 1", new ExpressionScope())!.GetValue<long>().Should().Be(100);
    }

    [Fact]
    public void Evaluation_is_safe_in_parallel()
    {
        // One engine (shared caches) across threads; each run has its own scope, as each node execution does.
        var results = Enumerable.Range(0, 200).AsParallel()
            .Select(i => Engine.Evaluate($"$vars.items.map(x => x.price * {i % 10}).sum()", CreateScope())!.GetValue<long>())
            .ToList();
        results.Should().BeEquivalentTo(Enumerable.Range(0, 200).Select(i => 40L * (i % 10)));
    }
}
