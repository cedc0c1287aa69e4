namespace ProcessStudio.Engine.Expressions.Evaluation;

/// <summary>
/// A runtime error raised by code that does not know where in the text it is (operators, functions).
/// The evaluator turns it into an <see cref="ExpressionException"/> positioned at the node being evaluated.
/// </summary>
internal sealed class EvaluationFailure(string message) : Exception(message);
