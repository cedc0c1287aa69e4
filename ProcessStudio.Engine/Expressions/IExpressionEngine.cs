using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Expressions;

/// <summary>
/// The sandboxed expression language. Values are JSON values (<see cref="JsonNode"/>, null for JSON null).
/// Conditions are plain expressions; settings are templates with {{ expression }} parts.
/// </summary>
public interface IExpressionEngine
{
    /// <summary>Parse errors of a plain expression; empty when it parses.</summary>
    IReadOnlyList<ExpressionError> Check(string expression);

    /// <summary>Parse errors of every {{ }} part of a template; empty when all parse.</summary>
    IReadOnlyList<ExpressionError> CheckTemplate(string template);

    bool IsTemplate(string text);

    /// <summary>Evaluates a plain expression. Throws <see cref="ExpressionException"/> on parse or runtime errors.</summary>
    JsonNode? Evaluate(string expression, ExpressionScope scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renders a template. A template that is exactly one {{ }} part yields that value unchanged (object, number, ...);
    /// otherwise the parts are stringified into the text. Text without {{ }} is returned as a string.
    /// </summary>
    JsonNode? EvaluateTemplate(string template, ExpressionScope scope, CancellationToken cancellationToken = default);

    /// <summary>Evaluates every template string inside a JSON value (objects and arrays are walked), returning a new value; <paramref name="value"/> is only read, so callers pass settings without copying them.</summary>
    JsonNode? EvaluateDeep(JsonNode? value, ExpressionScope scope, CancellationToken cancellationToken = default);

    /// <summary>Names and member paths in scope, for designer hints (e.g. "$vars.count", "$node[\"HTTP Request\"].body").</summary>
    IReadOnlyList<string> Completions(ExpressionScope scope);

    /// <summary>The whitelisted functions with their signatures and descriptions, for hints and documentation.</summary>
    IReadOnlyList<ExpressionFunctionInfo> Functions { get; }
}

/// <summary>
/// The names an expression can see. Roots are "$input" (the trigger input), "$vars" (variables), "$node"
/// (completed node outputs keyed by node name and by id), "$json" (the current node's input), "$execution"
/// (id, workflowId, workflowName, mode, startedAt, correlationId), and in loops "$item" and "$index".
/// </summary>
public sealed class ExpressionScope
{
    private readonly Dictionary<string, JsonNode?> _roots = new(8, StringComparer.Ordinal);   // a node's scope has 5–8 names: no regrowth

    public IReadOnlyDictionary<string, JsonNode?> Roots => _roots;

    public ExpressionScope Set(string name, JsonNode? value)
    {
        _roots[name] = value;
        return this;
    }

    public bool TryGet(string name, out JsonNode? value) => _roots.TryGetValue(name, out value);
}

/// <summary>Where an expression went wrong: 0-based offset into the expression text, and a message a person understands.</summary>
public sealed record ExpressionError(string Message, int Position, int Length = 1)
{
    public override string ToString() => $"{Message} (at position {Position + 1})";
}

public sealed class ExpressionException(ExpressionError error, string expression)
    : Exception($"Expression error: {error}")
{
    public ExpressionError Error { get; } = error;
    public string Expression { get; } = expression;
}
