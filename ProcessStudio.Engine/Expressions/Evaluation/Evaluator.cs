using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions.Functions;
using ProcessStudio.Engine.Expressions.Syntax;
using static ProcessStudio.Engine.Expressions.ExpressionValues;

namespace ProcessStudio.Engine.Expressions.Evaluation;

/// <summary>
/// Walks a syntax tree against a scope. One instance per evaluation; not thread-safe.
/// Values read from the scope are never modified: anything placed into a new array or object is copied if it
/// already has a parent (a JsonNode can belong to one parent only).
/// </summary>
internal sealed class Evaluator
{
    private readonly string _source;
    private readonly ExpressionScope _scope;
    private readonly FunctionCatalog _functions;
    private Bindings? _bindings;

    public Evaluator(string source, ExpressionScope scope, FunctionCatalog functions, EvaluationBudget budget)
    {
        _source = source;
        _scope = scope;
        _functions = functions;
        Budget = budget;
    }

    public EvaluationBudget Budget { get; }

    /// <summary>Evaluates a whole expression and returns a value the caller owns.</summary>
    public JsonNode? EvaluateRoot(Expr expr) => Adopt(Evaluate(expr));

    public JsonNode? Evaluate(Expr expr)
    {
        try
        {
            Budget.Charge();
            return expr switch
            {
                LiteralExpr literal => literal.CreateValue(),
                RootExpr root => ResolveRoot(root),
                NameExpr name => ResolveName(name),
                MemberExpr member => ReadMember(member),
                IndexExpr index => ReadIndex(index),
                CallExpr call => Call(call),
                UnaryExpr unary => Unary(unary),
                BinaryExpr binary => Binary(binary),
                ConditionalExpr conditional => Evaluate(IsTruthy(Evaluate(conditional.Condition)) ? conditional.WhenTrue : conditional.WhenFalse),
                ArrayExpr array => BuildArray(array),
                ObjectExpr obj => BuildObject(obj),
                LambdaExpr => throw new EvaluationFailure("A lambda (x => ...) can only be passed to a function such as map or filter"),
                _ => throw new InvalidOperationException($"Unhandled syntax node {expr.GetType().Name}"),
            };
        }
        catch (EvaluationFailure failure)
        {
            throw Fail(expr, failure.Message);
        }
    }

    /// <summary>The value itself when nothing owns it yet, else a copy that can be attached to a new parent.</summary>
    public JsonNode? Adopt(JsonNode? value) =>
        value is null || (value.Parent is null && !IsScopeRoot(value)) ? value : Copy(value);

    private bool IsScopeRoot(JsonNode value)
    {
        foreach (var root in _scope.Roots.Values)
            if (ReferenceEquals(root, value)) return true;
        return false;
    }

    public JsonNode? Invoke(LambdaExpr lambda, JsonNode? item, int index)
    {
        var outer = _bindings;
        var bindings = outer;
        if (lambda.Parameters.Count > 0) bindings = new Bindings(lambda.Parameters[0], item, bindings);
        if (lambda.Parameters.Count > 1) bindings = new Bindings(lambda.Parameters[1], Number(index), bindings);
        _bindings = bindings;
        try
        {
            return Evaluate(lambda.Body);
        }
        finally
        {
            _bindings = outer;
        }
    }

    private JsonNode? ResolveRoot(RootExpr root)
    {
        if (_scope.TryGet(root.Name, out var value)) return value;
        var available = string.Join(", ", _scope.Roots.Keys.Order(StringComparer.Ordinal));
        throw new EvaluationFailure(available.Length == 0
            ? $"Unknown name '{root.Name}'"
            : $"Unknown name '{root.Name}'; available: {available}");
    }

    private JsonNode? ResolveName(NameExpr name)
    {
        if (_bindings is not null && _bindings.TryFind(name.Name, out var bound)) return bound;
        if (_scope.TryGet("$vars", out var vars) && vars is JsonObject variables && variables.TryGetPropertyValue(name.Name, out var variable))
            return variable;
        var hint = _scope.TryGet("$" + name.Name, out _) ? $". Did you mean '${name.Name}'?"
            : _functions.TryGet(name.Name, out _) ? $"; to call the function write {name.Name}(...)"
            : "";
        throw new EvaluationFailure($"Unknown name '{name.Name}'{hint}");
    }

    private JsonNode? ReadMember(MemberExpr member)
    {
        var target = Evaluate(member.Target);
        if (IsNull(target))
            return member.NullSafe ? null : throw NullTarget($"Cannot read '{member.Name}' of null", member.Target);
        return target switch
        {
            JsonObject obj => obj.TryGetPropertyValue(member.Name, out var value) ? value : null,
            JsonArray array when member.Name == "length" => Number(array.Count),
            _ when member.Name == "length" && TryGetString(target, out var text) => Number(text.Length),
            _ => throw new EvaluationFailure($"Cannot read '{member.Name}' of {TypeName(target)}"),
        };
    }

    private JsonNode? ReadIndex(IndexExpr index)
    {
        var target = Evaluate(index.Target);
        var key = Evaluate(index.Index);
        if (IsNull(target))
            return index.NullSafe ? null : throw NullTarget($"Cannot read [{ToJson(key)}] of null", index.Target);
        if (target is JsonObject obj && TryGetString(key, out var name))
            return obj.TryGetPropertyValue(name, out var value) ? value : null;
        if (TryGetNumber(key, out var number) && number == Math.Floor(number))
        {
            if (target is JsonArray array) return ElementAt(array.Count, number) is { } i ? array[i] : null;
            if (TryGetString(target, out var text)) return ElementAt(text.Length, number) is { } c ? JsonValue.Create(text[c].ToString()) : null;
        }
        throw new EvaluationFailure($"Cannot index {TypeName(target)} with {TypeName(key)} {ToJson(key)}");
    }

    /// <summary>Position of a possibly negative (from the end) index, or null when out of range.</summary>
    private static int? ElementAt(int count, double index)
    {
        var position = index < 0 ? count + index : index;
        return position >= 0 && position < count ? (int)position : null;
    }

    private JsonNode? Call(CallExpr call)
    {
        if (!_functions.TryGet(call.Name, out var function))
            throw new EvaluationFailure($"Unknown function '{call.Name}'");
        var values = new JsonNode?[call.Arguments.Count];
        var lambdas = new LambdaExpr?[call.Arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (call.Arguments[i] is LambdaExpr lambda) lambdas[i] = lambda;
            else values[i] = Evaluate(call.Arguments[i]);
            if (i == 0 && call.NullSafeTarget && IsNull(values[0])) return null;
        }
        try
        {
            return function.Body(new FunctionCall(function.Name, this, values, lambdas));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or JsonException)
        {
            throw new EvaluationFailure($"Function '{function.Name}' failed: {e.Message}");
        }
    }

    private JsonNode? Unary(UnaryExpr unary)
    {
        var operand = Evaluate(unary.Operand);
        if (unary.Operator == UnaryOperator.Not) return JsonValue.Create(!IsTruthy(operand));
        if (!TryGetNumber(operand, out var number))
        {
            var symbol = unary.Operator == UnaryOperator.Negate ? "-" : "+";
            throw new EvaluationFailure($"Operator '{symbol}' cannot be applied to {TypeName(operand)}");
        }
        return Number(unary.Operator == UnaryOperator.Negate ? -number : number);
    }

    private JsonNode? Binary(BinaryExpr binary)
    {
        var left = Evaluate(binary.Left);
        return binary.Operator switch
        {
            BinaryOperator.And => IsTruthy(left) ? Evaluate(binary.Right) : left,
            BinaryOperator.Or => IsTruthy(left) ? left : Evaluate(binary.Right),
            BinaryOperator.Coalesce => IsNull(left) ? Evaluate(binary.Right) : left,
            _ => Operators.Apply(binary, left, Evaluate(binary.Right), Budget),
        };
    }

    private JsonArray BuildArray(ArrayExpr array)
    {
        Budget.CheckCount(array.Items.Count);
        var result = new JsonArray();
        foreach (var item in array.Items) result.Add(Adopt(Evaluate(item)));
        return result;
    }

    private JsonObject BuildObject(ObjectExpr obj)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj.Properties) result[key] = Adopt(Evaluate(value));
        return result;
    }

    private EvaluationFailure NullTarget(string message, Expr target) =>
        new(Describe(target) is { } path ? $"{message} ({path} is null; use ?. to allow null)" : $"{message} (use ?. to allow null)");

    /// <summary>The source text of a simple path such as $input.user.name, for error messages.</summary>
    private static string? Describe(Expr expr) => expr switch
    {
        RootExpr root => root.Name,
        NameExpr name => name.Name,
        MemberExpr member => Describe(member.Target) is { } target ? $"{target}.{member.Name}" : null,
        IndexExpr { Index: LiteralExpr literal } index => Describe(index.Target) is { } target ? $"{target}[{ToJson(literal.CreateValue())}]" : null,
        _ => null,
    };

    private ExpressionException Fail(Expr expr, string message) =>
        new(new ExpressionError(message, expr.Position, expr.Length), _source);
}
