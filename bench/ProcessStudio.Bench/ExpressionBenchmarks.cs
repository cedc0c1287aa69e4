using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Bench;

/// <summary>Cost of evaluating typical settings with a warm parse cache, and of a cold parse.</summary>
[MemoryDiagnoser]
public class ExpressionBenchmarks
{
    private readonly ExpressionEngine _engine = new();
    private readonly ExpressionScope _scope = new ExpressionScope()
        .Set("$input", JsonNode.Parse("""{ "name": "Ada", "age": 36, "address": { "city": "London" } }"""))
        .Set("$vars", JsonNode.Parse("""{ "items": [{ "price": 10 }, { "price": 25 }, { "price": 5 }, { "price": 7 }] }"""));
    private int _unique;

    [Benchmark]
    public JsonNode? Condition() => _engine.Evaluate("$input.age > 30 && $input.address?.city == 'London'", _scope);

    [Benchmark]
    public JsonNode? Template() => _engine.EvaluateTemplate("Hello {{ $input.name.upper() }} from {{ $input.address.city }}!", _scope);

    [Benchmark]
    public JsonNode? LambdaPipeline() => _engine.Evaluate("$vars.items.filter(x => x.price > 6).map(x => x.price * 1.2).sum().round(2)", _scope);

    [Benchmark]
    public IReadOnlyList<ExpressionError> ColdParse() => _engine.Check($"upper($input.name) + ' ' + {_unique++} * 2 > 3 ? 'a' : 'b'");
}
