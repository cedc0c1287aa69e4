namespace ProcessStudio.Engine.Expressions.Evaluation;

/// <summary>Counts evaluation steps and guards value sizes so an expression cannot run away with CPU or memory.</summary>
internal sealed class EvaluationBudget(ExpressionEngineOptions options, CancellationToken cancellationToken)
{
    private const int CancellationCheckInterval = 256;

    private int _steps;

    public ExpressionEngineOptions Options => options;

    /// <summary>Charges <paramref name="count"/> steps; functions charge one per element they touch.</summary>
    public void Charge(int count = 1)
    {
        var before = _steps;
        _steps += count;
        if (_steps > options.MaxSteps || _steps < before)
            throw new EvaluationFailure($"Expression exceeded its step budget of {options.MaxSteps}");
        if (before / CancellationCheckInterval != _steps / CancellationCheckInterval)
            cancellationToken.ThrowIfCancellationRequested();
    }

    public string CheckString(string text) => text.Length <= options.MaxStringLength
        ? text
        : throw new EvaluationFailure($"Text of {text.Length} characters exceeds the limit of {options.MaxStringLength}");

    public void CheckStringLength(long length)
    {
        if (length > options.MaxStringLength)
            throw new EvaluationFailure($"Text of {length} characters exceeds the limit of {options.MaxStringLength}");
    }

    public void CheckCount(long count)
    {
        if (count > options.MaxItems)
            throw new EvaluationFailure($"A list of {count} items exceeds the limit of {options.MaxItems}");
    }
}
