using System.Text.Json.Nodes;
using Jint;
using Jint.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Nodes;
using JintEngine = Jint.Engine;

namespace ProcessStudio.Engine.Scripting;

/// <summary>
/// Runs a Code node's JavaScript in a fresh Jint engine per activation: no CLR access, no eval or Function(text), no
/// modules, so a script reaches nothing but the globals given to it and <c>console</c>. Time, memory, statement and
/// recursion limits come from <see cref="CodeNodeOptions"/>. Every failure becomes a <see cref="NodeFailedException"/>
/// whose message names the line and column when the script has one.
/// </summary>
public sealed class ScriptRunner(IOptions<EngineOptions> options)
{
    /// <summary>The script is the body of a function, so <c>return</c> gives the output; the opening sits on its own line.</summary>
    private const string Prologue = "(function () {\n";
    private const string Epilogue = "\n})()";
    private const int PrologueLines = 1;

    public JsonNode? Run(string code, IReadOnlyDictionary<string, JsonNode?> globals, Action<LogLevel, string> log, CancellationToken cancellationToken)
    {
        if (ScriptSyntax.Check(code) is { } syntax)
            throw new NodeFailedException($"Syntax error at {syntax}", "ScriptSyntaxError", Where(syntax.Line, syntax.Column));

        var limits = options.Value.Code;
        using var engine = new JintEngine(o => o
            .TimeoutInterval(limits.Timeout)
            .LimitMemory(limits.MaxMemoryBytes)
            .MaxStatements(limits.MaxStatements)
            .LimitRecursion(limits.MaxRecursionDepth)
            .CancellationToken(cancellationToken)
            .DisableStringCompilation());
        foreach (var (name, value) in globals)
            engine.SetValue(name, JsonToScript.Convert(engine, value));
        engine.SetValue("console", new ScriptConsole(log, limits).Build(engine));

        try
        {
            var result = engine.Evaluate(Prologue + code + Epilogue).UnwrapIfPromise(limits.Timeout);
            return ScriptToJson.Convert(result);
        }
        catch (Exception error) when (Explain(error, limits, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private static NodeFailedException? Explain(Exception error, CodeNodeOptions limits, CancellationToken cancellationToken) => error switch
    {
        ExecutionCanceledException when cancellationToken.IsCancellationRequested => null,   // the run is stopping: not the script's fault
        ExecutionCanceledException or OperationCanceledException => null,
        JavaScriptException thrown => Thrown(thrown),
        TimeoutException => new($"The script ran longer than {limits.Timeout.TotalSeconds:0.###} s and was stopped.", "ScriptTimeout"),
        MemoryLimitExceededException => new($"The script allocated more than {limits.MaxMemoryBytes / (1024 * 1024)} MB and was stopped.", "ScriptMemoryLimit"),
        StatementsCountOverflowException => new($"The script executed more than {limits.MaxStatements:N0} statements and was stopped.", "ScriptStatementLimit"),
        RecursionDepthOverflowException => new($"The script's functions nested deeper than {limits.MaxRecursionDepth} calls and it was stopped.", "ScriptRecursionLimit"),
        ScriptValueException value => new($"The script's return value cannot become JSON: {value.Message}", "ScriptOutputInvalid"),
        JintException other => new($"The script failed: {other.Message}", "ScriptError"),
        _ => null,
    };

    private static NodeFailedException Thrown(JavaScriptException thrown)
    {
        var message = ScriptText.Describe(thrown.Error);
        var start = thrown.Location.Start;
        var line = start.Line - PrologueLines;
        if (line < 1 || start.Line == 0)
            return new NodeFailedException($"The script threw {message}", "ScriptError");
        var column = start.Column + 1;   // Jint counts columns from 0, editors from 1
        return new NodeFailedException($"Script error at line {line}, column {column}: {message}", "ScriptError", Where(line, column));
    }

    private static JsonObject Where(int line, int column) => new() { ["line"] = line, ["column"] = column };
}
