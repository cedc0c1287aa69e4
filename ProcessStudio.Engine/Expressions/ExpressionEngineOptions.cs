namespace ProcessStudio.Engine.Expressions;

/// <summary>Budgets that keep expressions cheap and safe, and the clock date functions read.</summary>
public sealed record ExpressionEngineOptions
{
    /// <summary>Syntax nodes visited plus elements touched by functions, per expression.</summary>
    public int MaxSteps { get; init; } = 100_000;

    public int MaxStringLength { get; init; } = 1_000_000;

    public int MaxItems { get; init; } = 100_000;

    /// <summary>
    /// Characters of text one evaluation may build in all: every string a function or operator creates counts as it is
    /// created, so an expression that builds a huge value fails before it fills memory, not after. The engine sets it to
    /// its limit for one node's output.
    /// </summary>
    public long MaxBuiltChars { get; init; } = 16 * 1024 * 1024;

    /// <summary>How many parsed expressions and templates are kept.</summary>
    public int CacheCapacity { get; init; } = 4096;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
