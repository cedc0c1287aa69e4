using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Runtime;

namespace ProcessStudio.Engine.Scripting;

/// <summary>How script values read in a log line or an error message: text as is, errors as "Name: message", others as JSON.</summary>
internal static class ScriptText
{
    public static string Describe(JsValue value)
    {
        try
        {
            return value switch
            {
                JsString text => text.ToString(),
                JsError error => $"{error.Get("name")}: {error.Get("message")}",
                Function => "[function]",
                _ when value.IsUndefined() => "undefined",
                _ => ScriptToJson.Convert(value)?.ToJsonString() ?? "null",
            };
        }
        catch (Exception ex) when (ex is ScriptValueException or JavaScriptException)
        {
            return $"[{value.Type.ToString().ToLowerInvariant()} that cannot be shown: {ex.Message}]";
        }
    }
}
