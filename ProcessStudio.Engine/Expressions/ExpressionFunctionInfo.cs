namespace ProcessStudio.Engine.Expressions;

/// <summary>A whitelisted function as shown to designers, e.g. ("round", "round(number, digits?)", "Number rounded ...").</summary>
public sealed record ExpressionFunctionInfo(string Name, string Signature, string Description);
