using System.Globalization;

namespace ProcessStudio.Web.Api.Infrastructure;

/// <summary>Reads typed query parameters, collecting one error per bad parameter so a 400 names all of them at once.</summary>
public sealed class QueryReader(IQueryCollection query)
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public string? String(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString().Trim() : null;

    /// <summary>Optional text of at most <paramref name="maxLength"/> characters.</summary>
    public string? String(string name, int maxLength)
    {
        var value = String(name);
        if (value is null || value.Length <= maxLength)
            return value;
        Fail(name, $"'{name}' can have at most {maxLength} characters; it has {value.Length}.");
        return null;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var raw = String(name);
        if (raw is null)
            return fallback;
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Fail(name, $"'{name}' must be a whole number from {min} to {max}; got '{raw}'.");
            return fallback;
        }
        return value;
    }

    public long? Long(string name, long min = long.MinValue)
    {
        var raw = String(name);
        if (raw is null)
            return null;
        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min)
            return value;
        Fail(name, $"'{name}' must be a whole number of at least {min}; got '{raw}'.");
        return null;
    }

    public bool Bool(string name, bool fallback)
    {
        var raw = String(name);
        if (raw is null)
            return fallback;
        if (bool.TryParse(raw, out var value))
            return value;
        Fail(name, $"'{name}' must be true or false; got '{raw}'.");
        return fallback;
    }

    public Guid? Guid(string name)
    {
        var raw = String(name);
        if (raw is null)
            return null;
        if (System.Guid.TryParse(raw, out var value))
            return value;
        Fail(name, $"'{name}' must be a GUID; got '{raw}'.");
        return null;
    }

    public DateTimeOffset? Date(string name)
    {
        var raw = String(name);
        if (raw is null)
            return null;
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value;
        Fail(name, $"'{name}' must be an ISO 8601 date/time; got '{raw}'.");
        return null;
    }

    public TEnum? Enum<TEnum>(string name) where TEnum : struct, Enum
    {
        var raw = String(name);
        if (raw is null)
            return null;
        return ParseEnum<TEnum>(name, raw);
    }

    /// <summary>Repeated (<c>?status=a&amp;status=b</c>) or comma-separated (<c>?status=a,b</c>) values.</summary>
    public IReadOnlyList<TEnum>? Enums<TEnum>(string name) where TEnum : struct, Enum
    {
        if (!query.TryGetValue(name, out var values))
            return null;
        var parsed = values
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(raw => ParseEnum<TEnum>(name, raw))
            .OfType<TEnum>()
            .Distinct()
            .ToList();
        return parsed.Count == 0 ? null : parsed;
    }

    public string? OneOf(string name, IReadOnlyCollection<string> allowed)
    {
        var raw = String(name);
        if (raw is null)
            return null;
        var match = allowed.FirstOrDefault(a => a.Equals(raw, StringComparison.OrdinalIgnoreCase));
        if (match is null)
            Fail(name, $"'{name}' must be one of {string.Join(", ", allowed)}; got '{raw}'.");
        return match;
    }

    public void Fail(string name, string message) =>
        _errors[name] = _errors.TryGetValue(name, out var existing) ? [.. existing, message] : [message];

    /// <summary>Throws a 400 naming every bad parameter, if there were any.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
            throw new ApiValidationException(_errors, "One or more query parameters are invalid.");
    }

    private TEnum? ParseEnum<TEnum>(string name, string raw) where TEnum : struct, Enum
    {
        if (!int.TryParse(raw, out _) && System.Enum.TryParse<TEnum>(raw, ignoreCase: true, out var value))
            return value;
        var allowed = string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => ApiJson.EnumName(v)));
        Fail(name, $"'{raw}' is not a valid {name}; use one of {allowed}.");
        return null;
    }
}
