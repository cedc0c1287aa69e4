namespace ProcessStudio.Engine.Expressions.Syntax;

/// <summary>A piece of a template: literal text, or an expression whose text starts at <see cref="Offset"/> in the template.</summary>
internal abstract record TemplatePart;

internal sealed record TextPart(string Text) : TemplatePart;

internal sealed record ExpressionPart(string Source, int Offset, ParsedExpression Parsed) : TemplatePart;

/// <summary>A template split into parts; errors are positioned in the whole template.</summary>
internal sealed record ParsedTemplate(IReadOnlyList<TemplatePart> Parts, IReadOnlyList<ExpressionError> Errors)
{
    /// <summary>
    /// The only expression when the template is one {{ }} part with nothing but whitespace around it. Found once: a template
    /// is parsed once and evaluated on every step.
    /// </summary>
    public ExpressionPart? SingleExpression { get; } =
        Parts.OfType<ExpressionPart>().Count() == 1 && Parts.OfType<TextPart>().All(t => string.IsNullOrWhiteSpace(t.Text))
            ? Parts.OfType<ExpressionPart>().Single()
            : null;
}
