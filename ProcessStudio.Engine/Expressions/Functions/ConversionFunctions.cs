using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions.Evaluation;
using static ProcessStudio.Engine.Expressions.ExpressionValues;

namespace ProcessStudio.Engine.Expressions.Functions;

/// <summary>Type checks, conversions between types, JSON text, and small helpers (coalesce, uuid).</summary>
internal static class ConversionFunctions
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new("string", 1, 1, "string(value)", "Value as text: null is \"\", objects and arrays are compact JSON.", c => c.Text(ToDisplayString(c[0]))),
        new("number", 1, 1, "number(value)", "Value as a number: parses text (invariant culture), true is 1, false is 0.", c => Number(ToNumber(c[0]))),
        new("toInt", 1, 1, "toInt(value)", "Value as a whole number, dropping any fraction.", c => Operators.Finite(Math.Truncate(ToNumber(c[0])))),
        new("bool", 1, 1, "bool(value)", "Value as true or false: \"true\"/\"false\" text is parsed, anything else by truthiness.", c => JsonValue.Create(ToBoolean(c[0]))),
        new("json", 1, 2, "json(value, indented?)", "Value as JSON text.", ToJsonText),
        new("parseJson", 1, 1, "parseJson(text)", "The value a JSON text describes.", c => JsonNode.Parse(c.String(0))),
        new("typeOf", 1, 1, "typeOf(value)", "\"null\", \"string\", \"number\", \"boolean\", \"array\" or \"object\".", c => JsonValue.Create(TypeName(c[0]))),
        new("isNull", 1, 1, "isNull(value)", "Whether value is null.", c => JsonValue.Create(IsNull(c[0]))),
        new("isString", 1, 1, "isString(value)", "Whether value is text.", c => IsType(c, "string")),
        new("isNumber", 1, 1, "isNumber(value)", "Whether value is a number.", c => IsType(c, "number")),
        new("isBool", 1, 1, "isBool(value)", "Whether value is true or false.", c => IsType(c, "boolean")),
        new("isArray", 1, 1, "isArray(value)", "Whether value is an array.", c => IsType(c, "array")),
        new("isObject", 1, 1, "isObject(value)", "Whether value is an object.", c => IsType(c, "object")),
        new("coalesce", 1, FunctionDefinition.Unlimited, "coalesce(values...)", "The first value that is not null.", c => c.Arguments.FirstOrDefault(v => !IsNull(v))),
        new("uuid", 0, 0, "uuid()", "A new random UUID.", _ => JsonValue.Create(Guid.NewGuid().ToString())),
    ];

    private static JsonValue IsType(FunctionCall c, string type) => JsonValue.Create(TypeName(c[0]) == type);

    private static JsonNode ToJsonText(FunctionCall c)
    {
        var indented = c.Has(1) && IsTruthy(c[1]);
        return c.Text(indented ? c[0]?.ToJsonString(Indented) ?? "null" : ToJson(c[0]));
    }

    private static double ToNumber(JsonNode? value)
    {
        if (TryGetNumber(value, out var number)) return number;
        if (TryGetBoolean(value, out var flag)) return flag ? 1 : 0;
        if (TryGetString(value, out var text)
            && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            && double.IsFinite(number))
            return number;
        throw new EvaluationFailure($"Cannot convert {TypeName(value)} {ToJson(value)} to a number");
    }

    private static bool ToBoolean(JsonNode? value) =>
        TryGetString(value, out var text) && bool.TryParse(text.Trim(), out var parsed) ? parsed : IsTruthy(value);
}
