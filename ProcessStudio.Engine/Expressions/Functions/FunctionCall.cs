using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions.Evaluation;
using ProcessStudio.Engine.Expressions.Syntax;

namespace ProcessStudio.Engine.Expressions.Functions;

/// <summary>The evaluated arguments of one call, with typed accessors that fail with a message naming the function.</summary>
internal sealed class FunctionCall(string name, Evaluator evaluator, JsonNode?[] values, LambdaExpr?[] lambdas)
{
    public string Name => name;

    public int Count => values.Length;

    public EvaluationBudget Budget => evaluator.Budget;

    public TimeProvider Clock => evaluator.Budget.Options.Clock;

    public JsonNode? this[int index] => lambdas[index] is null
        ? values[index]
        : throw new EvaluationFailure($"Argument {index + 1} of '{name}' cannot be a lambda");

    public bool Has(int index) => index < Count;

    public IEnumerable<JsonNode?> Arguments => Enumerable.Range(0, Count).Select(i => this[i]);

    public string String(int index) =>
        ExpressionValues.TryGetString(this[index], out var text) ? text : throw Expected(index, "text");

    public string String(int index, string fallback) => Has(index) ? String(index) : fallback;

    public double Number(int index) =>
        ExpressionValues.TryGetNumber(this[index], out var number) ? number : throw Expected(index, "a number");

    public int Integer(int index)
    {
        var number = Number(index);
        return number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw new EvaluationFailure($"Function '{name}' expects a whole number as argument {index + 1}, got {ExpressionValues.FormatNumber(number)}");
    }

    public int Integer(int index, int fallback) => Has(index) ? Integer(index) : fallback;

    public JsonArray Array(int index) => this[index] as JsonArray ?? throw Expected(index, "an array");

    public JsonObject Object(int index) => this[index] as JsonObject ?? throw Expected(index, "an object");

    /// <summary>The lambda passed as argument <paramref name="index"/>, called with (item, index).</summary>
    public Func<JsonNode?, int, JsonNode?> Lambda(int index)
    {
        var lambda = lambdas[index] ?? throw new EvaluationFailure(
            $"Function '{name}' expects a lambda such as x => x.name as argument {index + 1}");
        return (item, position) => evaluator.Invoke(lambda, item, position);
    }

    /// <summary>A new array holding the items (copied when they already belong elsewhere), within the size budget.</summary>
    public JsonArray NewArray(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            Budget.CheckCount(array.Count + 1);
            array.Add(evaluator.Adopt(item));
        }
        return array;
    }

    public JsonNode? Adopt(JsonNode? value) => evaluator.Adopt(value);

    public JsonValue Text(string text) => JsonValue.Create(Budget.CheckString(text));

    public EvaluationFailure Expected(int index, string what) => new(
        $"Function '{name}' expects {what} as argument {index + 1}, got {ExpressionValues.TypeName(values[index])}");
}
