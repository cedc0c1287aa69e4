using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Execution.RunOptions;

/// <summary>Checks and resolves the per-start run options (correlation id, lock key, run timeout).</summary>
public static class RunStartOptions
{
    /// <summary>Longest correlation id or lock key: enough for a URN or a composed key, short enough to index.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>A trimmed key, or null when blank. Too long: <see cref="ArgumentException"/> naming <paramref name="field"/>.</summary>
    public static string? Key(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        return trimmed.Length <= MaxKeyLength
            ? trimmed
            : throw new ArgumentException($"{field} must be at most {MaxKeyLength} characters (got {trimmed.Length}).", field);
    }

    /// <summary>The start's own timeout, else the workflow's <c>runTimeoutMs</c>, else the configured default; null: none.</summary>
    public static long? Timeout(long? requested, WorkflowSettings settings, EngineOptions options)
    {
        var timeout = requested ?? settings.RunTimeoutMs ?? options.DefaultRunTimeoutMs;
        return timeout is null or > 0
            ? timeout
            : throw new ArgumentException($"timeoutMs must be greater than 0 (got {timeout}).", "timeoutMs");
    }
}
