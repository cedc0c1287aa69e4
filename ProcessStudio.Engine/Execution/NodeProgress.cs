namespace ProcessStudio.Engine.Execution;

/// <summary>Structured progress a running node reports: a fraction, items done of total, and a short message.</summary>
public sealed record NodeProgress(double? Fraction = null, long? Done = null, long? Total = null, string? Message = null);
