using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions.Syntax;
using static ProcessStudio.Engine.Expressions.ExpressionValues;

namespace ProcessStudio.Engine.Expressions.Evaluation;

/// <summary>Arithmetic and comparison on JSON values. No implicit conversions except string concatenation with +.</summary>
internal static class Operators
{
    public static JsonNode? Apply(BinaryExpr expr, JsonNode? left, JsonNode? right, EvaluationBudget budget)
    {
        if (expr.Operator is BinaryOperator.Equal) return JsonValue.Create(DeepEquals(left, right));
        if (expr.Operator is BinaryOperator.NotEqual) return JsonValue.Create(!DeepEquals(left, right));
        if (expr.Operator is BinaryOperator.Add) return Add(expr, left, right, budget);
        if (expr.Operator is BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual)
            return JsonValue.Create(Compare(expr, left, right));

        if (!TryGetNumber(left, out var x) || !TryGetNumber(right, out var y)) throw Mismatch(expr, left, right);
        if (expr.Operator is BinaryOperator.Divide or BinaryOperator.Remainder && y == 0) throw new EvaluationFailure("Division by zero");
        var result = expr.Operator switch
        {
            BinaryOperator.Subtract => x - y,
            BinaryOperator.Multiply => x * y,
            BinaryOperator.Divide => x / y,
            BinaryOperator.Remainder => x % y,
            _ => throw new InvalidOperationException($"Operator {expr.Operator} is not arithmetic"),
        };
        return Finite(result);
    }

    public static JsonValue Finite(double number) => double.IsFinite(number)
        ? Number(number)
        : throw new EvaluationFailure("The result is too large to represent as a number");

    private static JsonNode Add(BinaryExpr expr, JsonNode? left, JsonNode? right, EvaluationBudget budget)
    {
        if (TryGetNumber(left, out var x) && TryGetNumber(right, out var y)) return Finite(x + y);
        if (TryGetString(left, out _) || TryGetString(right, out _))
        {
            var leftText = ToDisplayString(left);
            var rightText = ToDisplayString(right);
            budget.CheckStringLength((long)leftText.Length + rightText.Length);
            return JsonValue.Create(budget.CheckString(leftText + rightText));
        }
        if (left is JsonArray a && right is JsonArray b)
        {
            budget.CheckCount((long)a.Count + b.Count);
            return new JsonArray(a.Concat(b).Select(item => item?.DeepClone()).ToArray());
        }
        throw Mismatch(expr, left, right);
    }

    private static bool Compare(BinaryExpr expr, JsonNode? left, JsonNode? right)
    {
        int order;
        if (TryGetNumber(left, out var x) && TryGetNumber(right, out var y)) order = x.CompareTo(y);
        else if (TryGetString(left, out var s) && TryGetString(right, out var t)) order = string.CompareOrdinal(s, t);
        else throw Mismatch(expr, left, right);
        return expr.Operator switch
        {
            BinaryOperator.Less => order < 0,
            BinaryOperator.LessOrEqual => order <= 0,
            BinaryOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    private static EvaluationFailure Mismatch(BinaryExpr expr, JsonNode? left, JsonNode? right) =>
        new($"Operator '{expr.Symbol}' cannot be applied to {TypeName(left)} and {TypeName(right)}");
}
