using ProcessStudio.Engine.Expressions;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>
/// The live preview of an expression field: the real evaluator over the node's designer scope (pinned data, else the
/// last run), off the render thread and stopped after <see cref="TimeLimit"/>, so a heavy expression cannot stall the circuit.
/// </summary>
public sealed class ExpressionPreviewer(IExpressionEngine engine, ExpressionScope scope, string source) : IExpressionPreview
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(250);
    /// <summary>Longer values are cut: the preview is a glance, the run view shows whole values.</summary>
    public const int MaxShownChars = 2_000;

    public string Source => source;

    public async Task<ExpressionPreviewResult> EvaluateAsync(string text, ExpressionMode mode, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeLimit);
        try
        {
            var value = await Task.Run(() => mode == ExpressionMode.Expression
                ? engine.Evaluate(text, scope, limit.Token)
                : engine.EvaluateTemplate(text, scope, limit.Token), limit.Token);
            var shown = JsonText.Format(value);
            if (value is null) shown = "null";
            return ExpressionPreviewResult.Of(shown.Length > MaxShownChars ? shown[..MaxShownChars] + " …" : shown);
        }
        catch (ExpressionException ex)
        {
            return ExpressionPreviewResult.Failed(ex.Error.Message, ex.Error.Position + 1);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ExpressionPreviewResult.Failed($"Stopped after {TimeLimit.TotalMilliseconds:0} ms: the expression takes too long to preview.");
        }
    }
}
