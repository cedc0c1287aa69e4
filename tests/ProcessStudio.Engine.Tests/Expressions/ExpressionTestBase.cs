using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Tests.Expressions;

/// <summary>A scope shaped like a real run: trigger input, variables, node outputs and execution metadata.</summary>
public abstract class ExpressionTestBase
{
    protected ExpressionEngine Engine { get; } = new();

    protected static ExpressionScope CreateScope() => new ExpressionScope()
        .Set("$input", JsonNode.Parse("""{ "name": "Ada", "age": 36, "tags": ["a", "b", "c"], "address": { "city": "London" }, "manager": null }"""))
        .Set("$vars", JsonNode.Parse("""{ "count": 3, "threshold": 2.5, "label": "run", "items": [{ "id": 1, "price": 10 }, { "id": 2, "price": 25 }, { "id": 3, "price": 5 }] }"""))
        .Set("$node", JsonNode.Parse("""{ "HTTP Request": { "status": 200, "body": { "ok": true } } }"""))
        .Set("$execution", JsonNode.Parse("""{ "id": "exec-1", "workflowName": "Demo" }"""));

    protected JsonNode? Eval(string expression) => Engine.Evaluate(expression, CreateScope());

    /// <summary>The result as compact JSON, so numbers, strings and structures compare exactly.</summary>
    protected string EvalJson(string expression) => ExpressionValues.ToJson(Eval(expression));

    protected ExpressionError EvalError(string expression)
    {
        var act = () => Eval(expression);
        return act.Should().Throw<ExpressionException>().Which.Error;
    }
}
