using System.Globalization;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Pages.Executions;

/// <summary>The executions history's filters, sort and page: read from and written to the page's URL, turned into a store query.</summary>
public sealed record HistoryFilter
{
    public const int PageSize = 25;

    public string? WorkflowId { get; init; }
    public string? Status { get; init; }
    public string? Mode { get; init; }
    /// <summary>Dates as the date inputs give them (yyyy-MM-dd), in the browser's day.</summary>
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Search { get; init; }
    public string SortBy { get; init; } = "createdAt";
    public bool Descending { get; init; } = true;
    public int Page { get; init; }

    public bool IsDefaultView => Page == 0 && SortBy == "createdAt" && Descending;

    public HistoryFilter SortedBy(string column) =>
        this with { SortBy = column, Descending = SortBy != column || !Descending, Page = 0 };

    public ExecutionQuery ToQuery() => new()
    {
        WorkflowId = Guid.TryParse(WorkflowId, out var workflowId) ? workflowId : null,
        Statuses = Enum.TryParse<ExecutionStatus>(Status, true, out var status) ? [status] : null,
        Mode = Enum.TryParse<ExecutionMode>(Mode, true, out var mode) ? mode : null,
        From = ParseDay(From),
        To = ParseDay(To)?.AddDays(1),
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        SortBy = SortBy,
        Descending = Descending,
        Offset = Page * PageSize,
        Limit = PageSize,
    };

    /// <summary>The query string for this view (only what differs from the default), so a link or reload shows the same rows.</summary>
    public string ToQueryString()
    {
        var parts = new List<(string Key, string? Value)>
        {
            ("workflow", WorkflowId), ("status", Status), ("mode", Mode), ("from", From), ("to", To), ("q", Search),
            ("sort", SortBy == "createdAt" ? null : SortBy),
            ("dir", Descending ? null : "asc"),
            ("page", Page == 0 ? null : (Page + 1).ToString(CultureInfo.InvariantCulture)),
        };
        var query = string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? "" : "?" + query;
    }

    public static HistoryFilter FromQuery(IReadOnlyDictionary<string, string?> query)
    {
        string? Get(string key) => query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        return new HistoryFilter
        {
            WorkflowId = Get("workflow"),
            Status = Get("status"),
            Mode = Get("mode"),
            From = Get("from"),
            To = Get("to"),
            Search = Get("q"),
            SortBy = Get("sort") is { } sort && SortColumns.Contains(sort) ? sort : "createdAt",
            Descending = Get("dir") != "asc",
            Page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 1 ? page - 1 : 0,
        };
    }

    /// <summary>The columns the store sorts by.</summary>
    public static readonly IReadOnlySet<string> SortColumns = new HashSet<string> { "createdAt", "startedAt", "status", "workflowName", "duration" };

    private static DateTimeOffset? ParseDay(string? value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : null;
}
