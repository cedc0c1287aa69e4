using System.Globalization;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions.Evaluation;
using static ProcessStudio.Engine.Expressions.ExpressionValues;

namespace ProcessStudio.Engine.Expressions.Functions;

/// <summary>
/// Dates are ISO 8601 text ("2026-01-31T09:30:00.000Z"). Inputs may also be Unix epoch milliseconds.
/// Text without an offset is read as UTC.
/// </summary>
internal static class DateFunctions
{
    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new("now", 0, 0, "now()", "Current date and time in the server's time zone.", c => Iso(TimeZoneInfo.ConvertTime(c.Clock.GetUtcNow(), c.Clock.LocalTimeZone))),
        new("utcNow", 0, 0, "utcNow()", "Current date and time in UTC.", c => Iso(c.Clock.GetUtcNow())),
        new("today", 0, 0, "today()", "Today's date (server time zone) as yyyy-MM-dd.",
            c => JsonValue.Create(TimeZoneInfo.ConvertTime(c.Clock.GetUtcNow(), c.Clock.LocalTimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        new("parseDate", 1, 2, "parseDate(text, format?)", "A date read from text, with an optional .NET format such as \"dd/MM/yyyy\".", ParseDate),
        new("formatDate", 1, 2, "formatDate(date, format?)", "A date as text in a .NET format such as \"yyyy-MM-dd HH:mm\" (default ISO 8601).", FormatDate),
        new("addSeconds", 2, 2, "addSeconds(date, seconds)", "The date plus a number of seconds (negative to subtract).", c => Iso(Date(c, 0).AddSeconds(c.Number(1)))),
        new("addMinutes", 2, 2, "addMinutes(date, minutes)", "The date plus a number of minutes.", c => Iso(Date(c, 0).AddMinutes(c.Number(1)))),
        new("addHours", 2, 2, "addHours(date, hours)", "The date plus a number of hours.", c => Iso(Date(c, 0).AddHours(c.Number(1)))),
        new("addDays", 2, 2, "addDays(date, days)", "The date plus a number of days.", c => Iso(Date(c, 0).AddDays(c.Number(1)))),
        new("diffSeconds", 2, 2, "diffSeconds(from, to)", "Seconds from the first date to the second (negative when earlier).",
            c => Operators.Finite((Date(c, 1) - Date(c, 0)).TotalSeconds)),
        new("unixTime", 1, 1, "unixTime(date)", "The date as Unix epoch milliseconds.", c => Number(Date(c, 0).ToUnixTimeMilliseconds())),
    ];

    private static JsonValue Iso(DateTimeOffset date) => JsonValue.Create(date.Offset == TimeSpan.Zero
        ? date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : date.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));

    private static DateTimeOffset Date(FunctionCall c, int index)
    {
        var value = c[index];
        if (TryGetNumber(value, out var milliseconds))
            return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        if (TryGetString(value, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date;
        throw new EvaluationFailure($"Function '{c.Name}' expects a date (ISO 8601 text or epoch milliseconds) as argument {index + 1}, got {TypeName(value)} {ToJson(value)}");
    }

    private static JsonNode ParseDate(FunctionCall c)
    {
        if (!c.Has(1)) return Iso(Date(c, 0));
        var text = c.String(0);
        var format = c.String(1);
        return DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? Iso(date)
            : throw new EvaluationFailure($"Text '{text}' does not match the date format '{format}'");
    }

    private static JsonNode FormatDate(FunctionCall c) =>
        c.Has(1) ? c.Text(Date(c, 0).ToString(c.String(1), CultureInfo.InvariantCulture)) : Iso(Date(c, 0));
}
