using System.Text.Json;
using System.Text.Json.Nodes;
using JintEngine = Jint.Engine;
using Jint.Native;

namespace ProcessStudio.Engine.Scripting;

/// <summary>
/// Builds script values straight from JSON values (no text in between). Keys become own data properties, so a key
/// such as "__proto__" stays an ordinary field and cannot change an object's prototype.
/// </summary>
internal static class JsonToScript
{
    public static JsValue Convert(JintEngine engine, JsonNode? value) => value switch
    {
        null => JsValue.Null,
        JsonObject obj => Object(engine, obj),
        JsonArray array => new JsArray(engine, [.. array.Select(item => Convert(engine, item))]),
        JsonValue scalar => Scalar(scalar),
        _ => JsValue.Undefined,
    };

    private static JsObject Object(JintEngine engine, JsonObject source)
    {
        var target = new JsObject(engine);
        foreach (var (key, member) in source)
            target.CreateDataProperty(key, Convert(engine, member));
        return target;
    }

    private static JsValue Scalar(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                // Values built in code may hold a DateTimeOffset or a Guid that only serializes as a string.
                return new JsString(value.TryGetValue(out string? text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString())!);
            case JsonValueKind.True:
                return JsBoolean.True;
            case JsonValueKind.False:
                return JsBoolean.False;
            case JsonValueKind.Number:
                return new JsNumber(Nodes.NodeJson.Number(value) ?? double.NaN);
            default:
                return JsValue.Null;
        }
    }
}
