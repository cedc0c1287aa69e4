using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Expressions.Syntax;

/// <summary>
/// A parsed expression. Position and Length mark the token a runtime error about this node should point at
/// (the operator of a binary expression, the member name of a member access, ...).
/// </summary>
internal abstract record Expr(int Position, int Length);

/// <summary>
/// A constant: a double, string or bool (null for JSON null). A tree is shared by every evaluation of a cached
/// expression, so each evaluation gets its own JSON node.
/// </summary>
internal sealed record LiteralExpr(object? Constant, int Position, int Length) : Expr(Position, Length)
{
    public JsonValue? CreateValue() => Constant switch
    {
        double number => ExpressionValues.Number(number),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        _ => null,
    };
}

/// <summary>A scope root such as <c>$input</c>.</summary>
internal sealed record RootExpr(string Name, int Position, int Length) : Expr(Position, Length);

/// <summary>A bare name: a lambda parameter, else a variable from <c>$vars</c>.</summary>
internal sealed record NameExpr(string Name, int Position, int Length) : Expr(Position, Length);

/// <summary><c>target.name</c>; <see cref="NullSafe"/> when the chain contains <c>?.</c> before or at this access.</summary>
internal sealed record MemberExpr(Expr Target, string Name, bool NullSafe, int Position, int Length) : Expr(Position, Length);

internal sealed record IndexExpr(Expr Target, Expr Index, bool NullSafe, int Position, int Length) : Expr(Position, Length);

/// <summary>A whitelisted function call; method syntax <c>x.upper()</c> is a call with the target as first argument.</summary>
internal sealed record CallExpr(string Name, IReadOnlyList<Expr> Arguments, bool NullSafeTarget, int Position, int Length) : Expr(Position, Length);

internal sealed record LambdaExpr(IReadOnlyList<string> Parameters, Expr Body, int Position, int Length) : Expr(Position, Length);

internal enum UnaryOperator { Negate, Plus, Not }

internal sealed record UnaryExpr(UnaryOperator Operator, Expr Operand, int Position, int Length) : Expr(Position, Length);

internal enum BinaryOperator
{
    Add, Subtract, Multiply, Divide, Remainder,
    Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual,
    And, Or, Coalesce,
}

internal sealed record BinaryExpr(BinaryOperator Operator, string Symbol, Expr Left, Expr Right, int Position, int Length) : Expr(Position, Length);

internal sealed record ConditionalExpr(Expr Condition, Expr WhenTrue, Expr WhenFalse, int Position, int Length) : Expr(Position, Length);

internal sealed record ArrayExpr(IReadOnlyList<Expr> Items, int Position, int Length) : Expr(Position, Length);

internal sealed record ObjectExpr(IReadOnlyList<KeyValuePair<string, Expr>> Properties, int Position, int Length) : Expr(Position, Length);
