using JintEngine = Jint.Engine;
using Jint.Native;
using Jint.Runtime.Interop;
using Microsoft.Extensions.Logging;

namespace ProcessStudio.Engine.Scripting;

/// <summary>
/// The script's <c>console</c>: log/info/debug/warn/error write one line each to the run log (which carries the
/// execution and node id). Lines are capped in number and length so a chatty loop cannot flood the log store.
/// </summary>
internal sealed class ScriptConsole(Action<LogLevel, string> write, CodeNodeOptions limits)
{
    private int _lines;

    public JsObject Build(JintEngine engine)
    {
        var console = new JsObject(engine);
        Add(engine, console, "log", LogLevel.Information);
        Add(engine, console, "info", LogLevel.Information);
        Add(engine, console, "debug", LogLevel.Debug);
        Add(engine, console, "warn", LogLevel.Warning);
        Add(engine, console, "error", LogLevel.Error);
        return console;
    }

    private void Add(JintEngine engine, JsObject console, string name, LogLevel level) =>
        console.CreateDataProperty(name, new ClrFunction(engine, name, (_, arguments) =>
        {
            Write(level, arguments);
            return JsValue.Undefined;
        }));

    private void Write(LogLevel level, JsValue[] arguments)
    {
        _lines++;
        if (_lines > limits.MaxLogLines)
        {
            if (_lines == limits.MaxLogLines + 1)
                write(LogLevel.Warning, $"console: more than {limits.MaxLogLines} lines; the rest of this activation's output is dropped.");
            return;
        }
        var line = string.Join(" ", arguments.Select(ScriptText.Describe));
        write(level, line.Length > limits.MaxLogLineLength ? line[..limits.MaxLogLineLength] + "…" : line);
    }
}
