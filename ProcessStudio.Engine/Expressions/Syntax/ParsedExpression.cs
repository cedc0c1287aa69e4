namespace ProcessStudio.Engine.Expressions.Syntax;

/// <summary>The outcome of parsing: a tree when the text is valid, otherwise the errors found.</summary>
internal sealed record ParsedExpression(Expr? Root, IReadOnlyList<ExpressionError> Errors)
{
    public static ParsedExpression Failed(ExpressionError error) => new(null, [error]);
}
