namespace ProcessStudio.Web.Ui.Kit;

/// <summary>Evaluates what is typed into an expression field against sample data, for the live preview under it.</summary>
public interface IExpressionPreview
{
    /// <summary>Where the sample data comes from, e.g. "the last run" or "pinned data"; shown with the preview.</summary>
    string Source { get; }

    Task<ExpressionPreviewResult> EvaluateAsync(string text, ExpressionMode mode, CancellationToken cancellationToken);
}

/// <summary>The evaluated value as formatted JSON, or the error with its 1-based position in the field.</summary>
public sealed record ExpressionPreviewResult(string? Value, string? Error, int? Position = null)
{
    public static ExpressionPreviewResult Of(string value) => new(value, null);
    public static ExpressionPreviewResult Failed(string error, int? position = null) => new(null, error, position);
    public bool IsError => Error is not null;
}
