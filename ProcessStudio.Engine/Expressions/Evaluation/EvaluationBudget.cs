namespace ProcessStudio.Engine.Expressions.Evaluation;

/// <summary>Counts evaluation steps and guards value sizes so an expression cannot run away with CPU or memory.</summary>
internal sealed class EvaluationBudget(ExpressionEngineOptions options, CancellationToken cancellationToken)
{
    private const int CancellationCheckInterval = 256;

    private int _steps;
    private long _builtChars;

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

    /// <summary>Admits a string the evaluation just built: within the length limit, and counted towards all it has built.</summary>
    public string CheckString(string text)
    {
        CheckStringLength(text.Length);
        CountBuilt(text.Length);
        return text;
    }

    /// <summary>Counts text an evaluation built; fails once all of it together passes <see cref="ExpressionEngineOptions.MaxBuiltChars"/>.</summary>
    public void CountBuilt(long chars)
    {
        _builtChars += chars;
        if (_builtChars > options.MaxBuiltChars)
            throw new EvaluationFailure(
                $"The expression built more than {options.MaxBuiltChars:N0} characters of values, the limit for one node's output (Engine:MaxNodeOutputBytes)");
    }

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
