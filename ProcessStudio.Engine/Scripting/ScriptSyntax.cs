using Acornima;

namespace ProcessStudio.Engine.Scripting;

/// <summary>Where a script fails to parse, 1-based, as the editor counts lines and columns.</summary>
public sealed record ScriptSyntaxError(string Message, int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}

/// <summary>Checks a Code node's script for syntax errors without running it (the validator and the node share it).</summary>
public static class ScriptSyntax
{
    /// <summary>Top-level <c>return</c> is allowed: the script is the body of a function.</summary>
    private static readonly ParserOptions Options = new() { AllowReturnOutsideFunction = true };

    public static ScriptSyntaxError? Check(string code)
    {
        try
        {
            new Parser(Options).ParseScript(code);
            return null;
        }
        catch (ParseErrorException ex)
        {
            return new ScriptSyntaxError(ex.Error?.Description ?? ex.Message, ex.LineNumber, ex.Column + 1);   // Acornima counts columns from 0
        }
    }
}
