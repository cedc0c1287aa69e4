using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Execution.RunOptions;

/// <summary>Checks and resolves the per-start run options (correlation id, lock key, run timeout).</summary>
public static class RunStartOptions
{
    /// <summary>Longest correlation id or lock key: enough for a URN or a composed key, short enough to index.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>A trimmed key, or null when blank. Too long: <see cref="RunOptionInvalidException"/> naming <paramref name="field"/>.</summary>
    public static string? Key(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        return trimmed.Length <= MaxKeyLength
            ? trimmed
            : throw new RunOptionInvalidException(field, $"{field} must be at most {MaxKeyLength} characters (got {trimmed.Length}).");
    }

    /// <summary>
    /// The lock key of a start: a literal, or a template over the run input (<c>customer-{{ $input.customerId }}</c>), so
    /// one workflow can serialise its runs per customer. A template that yields nothing is refused, not run unlocked.
    /// </summary>
    public static string? LockKey(string? value, JsonNode? input, IExpressionEngine expressions)
    {
        if (string.IsNullOrWhiteSpace(value) || !expressions.IsTemplate(value)) return Key(value, "lockKey");
        JsonNode? rendered;
        try
        {
            rendered = expressions.EvaluateTemplate(value, new ExpressionScope().Set("$input", input?.DeepClone() ?? new JsonObject()));
        }
        catch (ExpressionException ex)
        {
            throw new RunOptionInvalidException("lockKey", $"lockKey: {ex.Message}");
        }
        var text = rendered is JsonValue v && v.TryGetValue<string>(out var s) ? s : rendered?.ToJsonString();
        return Key(text, "lockKey") ?? throw new RunOptionInvalidException("lockKey", $"lockKey '{value}' evaluated to an empty value for this input.");
    }

    /// <summary>The start's own timeout, else the workflow's <c>runTimeoutMs</c>, else the configured default; null: none.</summary>
    public static long? Timeout(long? requested, WorkflowSettings settings, EngineOptions options)
    {
        if (requested is <= 0) throw new RunOptionInvalidException("timeoutMs", $"timeoutMs must be greater than 0 (got {requested}).");
        return requested ?? settings.RunTimeoutMs ?? options.DefaultRunTimeoutMs;
    }
}

/// <summary>A run option of a start is unusable; <see cref="Field"/> names it (the API answers 400 with it).</summary>
public sealed class RunOptionInvalidException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
