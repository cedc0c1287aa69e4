namespace ProcessStudio.Engine.Expressions;

/// <summary>Budgets that keep expressions cheap and safe, and the clock date functions read.</summary>
public sealed record ExpressionEngineOptions
{
    /// <summary>Syntax nodes visited plus elements touched by functions, per expression.</summary>
    public int MaxSteps { get; init; } = 100_000;

    public int MaxStringLength { get; init; } = 1_000_000;

    public int MaxItems { get; init; } = 100_000;

    /// <summary>How many parsed expressions and templates are kept.</summary>
    public int CacheCapacity { get; init; } = 4096;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
