using System.Text;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions.Evaluation;
using ProcessStudio.Engine.Expressions.Functions;
using ProcessStudio.Engine.Expressions.Syntax;

namespace ProcessStudio.Engine.Expressions;

/// <summary>
/// The sandboxed expression language: a hand-written parser and a tree-walking evaluator that can only call the
/// whitelisted functions in <see cref="FunctionCatalog"/>. Parsed expressions and templates are cached. Thread-safe.
/// </summary>
public sealed class ExpressionEngine : IExpressionEngine
{
    private readonly ExpressionEngineOptions _options;
    private readonly FunctionCatalog _functions = FunctionCatalog.Default;
    private readonly ParseCache<ParsedExpression> _expressions;
    private readonly ParseCache<ParsedTemplate> _templates;

    public ExpressionEngine() : this(new ExpressionEngineOptions())
    {
    }

    public ExpressionEngine(ExpressionEngineOptions options)
    {
        _options = options;
        _expressions = new ParseCache<ParsedExpression>(options.CacheCapacity, text => Parser.Parse(text, _functions));
        _templates = new ParseCache<ParsedTemplate>(options.CacheCapacity, text => TemplateParser.Parse(text, _functions));
        Functions = _functions.All.Select(f => new ExpressionFunctionInfo(f.Name, f.Signature, f.Description)).ToList();
    }

    /// <summary>Names of the whitelisted functions with their usage, for documentation and designer hints.</summary>
    public IReadOnlyList<ExpressionFunctionInfo> Functions { get; }

    public IReadOnlyList<ExpressionError> Check(string expression) =>
        IsWrappedExpression(expression) ? CheckTemplate(expression) : _expressions.Get(expression).Errors;

    public IReadOnlyList<ExpressionError> CheckTemplate(string template) =>
        IsTemplate(template) ? _templates.Get(template).Errors : [];

    public bool IsTemplate(string text) => TemplateParser.IsTemplate(text);

    public JsonNode? Evaluate(string expression, ExpressionScope scope, CancellationToken cancellationToken = default)
    {
        if (IsWrappedExpression(expression)) return EvaluateTemplate(expression, scope, cancellationToken);
        var parsed = _expressions.Get(expression);
        if (parsed.Root is null) throw new ExpressionException(parsed.Errors[0], expression);
        return Run(expression, parsed.Root, scope, cancellationToken);
    }

    public JsonNode? EvaluateTemplate(string template, ExpressionScope scope, CancellationToken cancellationToken = default)
    {
        if (!IsTemplate(template)) return JsonValue.Create(template);
        var parsed = _templates.Get(template);
        if (parsed.Errors.Count > 0) throw new ExpressionException(parsed.Errors[0], template);
        if (parsed.SingleExpression is { } single) return RunPart(template, single, scope, cancellationToken);

        var text = new StringBuilder();
        foreach (var part in parsed.Parts)
        {
            text.Append(part switch
            {
                TextPart literal => literal.Text,
                ExpressionPart expression => ExpressionValues.ToDisplayString(RunPart(template, expression, scope, cancellationToken)),
                _ => throw new InvalidOperationException($"Unhandled template part {part.GetType().Name}"),
            });
            if (text.Length > _options.MaxStringLength)
                throw new ExpressionException(
                    new ExpressionError($"Text of {text.Length} characters exceeds the limit of {_options.MaxStringLength}", 0, template.Length),
                    template);
        }
        return JsonValue.Create(text.ToString());
    }

    public JsonNode? EvaluateDeep(JsonNode? value, ExpressionScope scope, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (value)
        {
            case JsonObject obj:
                var resultObject = new JsonObject();
                foreach (var (key, item) in obj) resultObject[key] = EvaluateDeep(item, scope, cancellationToken);
                return resultObject;
            case JsonArray array:
                var resultArray = new JsonArray();
                foreach (var item in array) resultArray.Add(EvaluateDeep(item, scope, cancellationToken));
                return resultArray;
            case JsonValue text when ExpressionValues.TryGetString(text, out var template) && IsTemplate(template):
                return EvaluateTemplate(template, scope, cancellationToken);
            default:
                return value?.DeepClone();
        }
    }

    public IReadOnlyList<string> Completions(ExpressionScope scope) => ScopeCompletions.List(scope, _functions);

    /// <summary>
    /// Whether a plain expression was written as a single template part ("{{ $json.ok }}"), as n8n users do for
    /// conditions; it then means the same as the bare expression.
    /// </summary>
    private bool IsWrappedExpression(string expression) =>
        expression.TrimStart().StartsWith(TemplateParser.Open, StringComparison.Ordinal)
        && _templates.Get(expression) is var template
        && (template.SingleExpression is not null || template.Errors.Count > 0);

    private JsonNode? RunPart(string template, ExpressionPart part, ExpressionScope scope, CancellationToken cancellationToken)
    {
        try
        {
            return Run(part.Source, part.Parsed.Root!, scope, cancellationToken);
        }
        catch (ExpressionException e)
        {
            throw new ExpressionException(e.Error with { Position = e.Error.Position + part.Offset }, template);
        }
    }

    private JsonNode? Run(string source, Expr root, ExpressionScope scope, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var budget = new EvaluationBudget(_options, cancellationToken);
        return new Evaluator(source, scope, _functions, budget).EvaluateRoot(root);
    }
}
