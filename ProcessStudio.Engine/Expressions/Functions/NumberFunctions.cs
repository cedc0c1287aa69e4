using System.Globalization;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions.Evaluation;
using static ProcessStudio.Engine.Expressions.ExpressionValues;

namespace ProcessStudio.Engine.Expressions.Functions;

internal static class NumberFunctions
{
    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new("round", 1, 2, "round(number, digits?)", "Number rounded to digits decimals (default 0), halves away from zero.", Round),
        new("toFixed", 2, 2, "toFixed(number, digits)", "Number as text with exactly digits decimals: toFixed(2.5, 2) is \"2.50\".", ToFixed),
        new("floor", 1, 1, "floor(number)", "Largest whole number not above number.", c => Operators.Finite(Math.Floor(c.Number(0)))),
        new("ceil", 1, 1, "ceil(number)", "Smallest whole number not below number.", c => Operators.Finite(Math.Ceiling(c.Number(0)))),
        new("abs", 1, 1, "abs(number)", "Number without its sign.", c => Operators.Finite(Math.Abs(c.Number(0)))),
        new("min", 1, FunctionDefinition.Unlimited, "min(numbers... | array)", "Smallest of the numbers.", c => Aggregate(c, Enumerable.Min)),
        new("max", 1, FunctionDefinition.Unlimited, "max(numbers... | array)", "Largest of the numbers.", c => Aggregate(c, Enumerable.Max)),
        new("sum", 1, FunctionDefinition.Unlimited, "sum(numbers... | array)", "Total of the numbers (0 for an empty array).", c => Aggregate(c, Enumerable.Sum, emptyValue: 0)),
        new("avg", 1, FunctionDefinition.Unlimited, "avg(numbers... | array)", "Average of the numbers.", c => Aggregate(c, Enumerable.Average)),
    ];

    private static JsonNode Round(FunctionCall c)
    {
        var digits = c.Integer(1, 0);
        if (digits is < 0 or > 15) throw new EvaluationFailure("Function 'round' takes 0 to 15 digits");
        return Operators.Finite(Math.Round(c.Number(0), digits, MidpointRounding.AwayFromZero));
    }

    private static JsonNode ToFixed(FunctionCall c)
    {
        var digits = c.Integer(1);
        if (digits is < 0 or > 15) throw new EvaluationFailure("Function 'toFixed' takes 0 to 15 digits");
        var rounded = Math.Round(c.Number(0), digits, MidpointRounding.AwayFromZero);
        return c.Text(rounded.ToString("F" + digits, CultureInfo.InvariantCulture));
    }

    /// <summary>Applies an aggregate to numbers passed either as one array or as separate arguments.</summary>
    private static JsonNode? Aggregate(FunctionCall c, Func<IEnumerable<double>, double> aggregate, double? emptyValue = null)
    {
        var items = c.Count == 1 && c[0] is JsonArray array ? array.ToList() : c.Arguments.ToList();
        c.Budget.Charge(items.Count);
        var numbers = items.Select(item => TryGetNumber(item, out var n)
            ? n
            : throw new EvaluationFailure($"Function '{c.Name}' works on numbers, but got {TypeName(item)} {ToJson(item)}")).ToList();
        if (numbers.Count == 0)
            return emptyValue is { } value ? Number(value) : throw new EvaluationFailure($"Function '{c.Name}' needs at least one number");
        return Operators.Finite(aggregate(numbers));
    }
}
