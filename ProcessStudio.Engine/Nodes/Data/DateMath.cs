using System.Globalization;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// The date arithmetic of the Date &amp; Time node. Dates are instants (<see cref="DateTimeOffset"/>); calendar units
/// (days and longer) and start/end of a unit are counted on the wall clock of the given time zone, so "add 1 day"
/// across a daylight-saving change keeps the time of day, while hours and shorter are exact durations.
/// </summary>
public static class DateMath
{
    public static readonly IReadOnlyList<string> Operations = ["format", "parse", "add", "subtract", "diff", "startOf", "endOf", "convert"];
    public static readonly IReadOnlyList<string> Units = ["years", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds"];

    public static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase)) return true;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found)) return false;
        zone = found;
        return true;
    }

    /// <summary>A date from ISO 8601 text (without an offset read as UTC) or Unix epoch milliseconds.</summary>
    public static DateTimeOffset Read(JsonNode? value, string label)
    {
        if (NodeJson.Number(value) is { } milliseconds && Math.Abs(milliseconds) < 253_402_300_800_000)
            return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        if (ExpressionValues.TryGetString(value, out var text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date;
        throw new NodeFailedException($"'{label}' must be a date (ISO 8601 text or epoch milliseconds), not {Describe(value)}.", "InvalidDate");
    }

    /// <summary>Text read with an optional .NET format; text without an offset is wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTimeOffset Parse(JsonNode? value, string? format, TimeZoneInfo zone)
    {
        if (!ExpressionValues.TryGetString(value, out var text)) return Read(value, "Date");
        var parsed = string.IsNullOrEmpty(format)
            ? DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var any) ? any : (DateTime?)null
            : DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var exact) ? exact : null;
        if (parsed is not { } local)
            throw new NodeFailedException(string.IsNullOrEmpty(format)
                ? $"'{text}' is not a date this node can read; set 'Format' (e.g. dd/MM/yyyy)."
                : $"'{text}' does not match the format '{format}'.", "InvalidDate");
        return local.Kind switch
        {
            DateTimeKind.Utc => new DateTimeOffset(local, TimeSpan.Zero),
            DateTimeKind.Local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),   // the text had an offset
            _ => FromWallClock(local, zone),
        };
    }

    public static string Format(DateTimeOffset date, string? format, TimeZoneInfo zone)
    {
        if (string.IsNullOrEmpty(format)) return IsoText(date, zone);
        try { return TimeZoneInfo.ConvertTime(date, zone).ToString(format, CultureInfo.InvariantCulture); }
        catch (FormatException) { throw new NodeFailedException($"'{format}' is not a valid .NET date format.", "InvalidSettings"); }
    }

    /// <summary>ISO 8601 with milliseconds in <paramref name="zone"/>: "Z" for UTC, else the zone's offset at that instant.</summary>
    public static JsonValue Iso(DateTimeOffset date, TimeZoneInfo zone) => JsonValue.Create(IsoText(date, zone));

    private static string IsoText(DateTimeOffset date, TimeZoneInfo zone)
    {
        var shown = TimeZoneInfo.ConvertTime(date, zone);
        return shown.Offset == TimeSpan.Zero
            ? shown.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : shown.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
    }

    public static DateTimeOffset Add(DateTimeOffset date, double amount, string unit, TimeZoneInfo zone)
    {
        try
        {
            return unit switch
            {
                "years" => OnWallClock(date, zone, local => local.AddYears(Whole(amount, unit))),
                "months" => OnWallClock(date, zone, local => local.AddMonths(Whole(amount, unit))),
                "weeks" => OnWallClock(date, zone, local => local.AddDays(7 * amount)),
                "days" => OnWallClock(date, zone, local => local.AddDays(amount)),
                "hours" => date.AddHours(amount),
                "minutes" => date.AddMinutes(amount),
                "seconds" => date.AddSeconds(amount),
                "milliseconds" => date.AddMilliseconds(amount),
                _ => throw UnknownUnit(unit),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new NodeFailedException($"Adding {amount} {unit} goes beyond the dates this node can represent (years 1 to 9999).", "InvalidDate");
        }
    }

    /// <summary><paramref name="to"/> minus <paramref name="from"/>: whole calendar units for months and years, fractional otherwise.</summary>
    public static double Difference(DateTimeOffset from, DateTimeOffset to, string unit) => unit switch
    {
        "years" => Math.Truncate(WholeMonths(from, to) / 12),
        "months" => WholeMonths(from, to),
        "weeks" => (to - from).TotalDays / 7,
        "days" => (to - from).TotalDays,
        "hours" => (to - from).TotalHours,
        "minutes" => (to - from).TotalMinutes,
        "seconds" => (to - from).TotalSeconds,
        "milliseconds" => (to - from).TotalMilliseconds,
        _ => throw UnknownUnit(unit),
    };

    /// <summary>The first instant of the unit containing <paramref name="date"/> in <paramref name="zone"/> (weeks start on Monday).</summary>
    public static DateTimeOffset StartOf(DateTimeOffset date, string unit, TimeZoneInfo zone) => OnWallClock(date, zone, local => unit switch
    {
        "years" => new DateTime(local.Year, 1, 1),
        "months" => new DateTime(local.Year, local.Month, 1),
        "weeks" => local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)),
        "days" => local.Date,
        "hours" => new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0),
        "minutes" => new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0),
        "seconds" => new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second),
        "milliseconds" => new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, local.Millisecond),
        _ => throw UnknownUnit(unit),
    });

    /// <summary>The last millisecond of the unit containing <paramref name="date"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset EndOf(DateTimeOffset date, string unit, TimeZoneInfo zone) =>
        StartOf(Add(StartOf(date, unit, zone), 1, unit, zone), unit, zone).AddMilliseconds(-1);

    private static DateTimeOffset OnWallClock(DateTimeOffset date, TimeZoneInfo zone, Func<DateTime, DateTime> change) =>
        FromWallClock(change(TimeZoneInfo.ConvertTime(date, zone).DateTime), zone);

    /// <summary>A wall-clock time in a zone as an instant; a time skipped by a daylight-saving change moves forward by the gap.</summary>
    private static DateTimeOffset FromWallClock(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    private static double WholeMonths(DateTimeOffset from, DateTimeOffset to)
    {
        var (a, b) = (from.UtcDateTime, to.UtcDateTime);
        var months = (b.Year - a.Year) * 12 + b.Month - a.Month;
        if (months > 0 && b.AddMonths(-months) < a) months--;
        else if (months < 0 && b.AddMonths(-months) > a) months++;
        return months;
    }

    private static int Whole(double amount, string unit) =>
        amount == Math.Floor(amount) && Math.Abs(amount) <= 120_000
            ? (int)amount
            : throw new NodeFailedException($"'Amount' of {unit} must be a whole number, not {amount.ToString(CultureInfo.InvariantCulture)}.", "InvalidSettings");

    private static NodeFailedException UnknownUnit(string unit) =>
        new($"Unknown unit '{unit}'; use one of: {string.Join(", ", Units)}.", "InvalidSettings");

    private static string Describe(JsonNode? value) => value is null ? "empty" : $"{ExpressionValues.TypeName(value)} {ExpressionValues.ToJson(value)}";
}
