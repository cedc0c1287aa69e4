using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Ui.Kit;

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
    /// <summary>The runs of one business transaction: an exact correlation id.</summary>
    public string? CorrelationId { get; init; }
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
        From = GridUrlState.ParseDay(From),
        To = GridUrlState.ParseDay(To)?.AddDays(1),
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        CorrelationId = string.IsNullOrWhiteSpace(CorrelationId) ? null : CorrelationId.Trim(),
        SortBy = SortBy,
        Descending = Descending,
        Offset = Page * PageSize,
        Limit = PageSize,
    };

    /// <summary>The query string for this view (only what differs from the default), so a link or reload shows the same rows.</summary>
    public string ToQueryString() => GridUrlState.Build(
    [
        ("workflow", WorkflowId), ("status", Status), ("mode", Mode), ("from", From), ("to", To), ("q", Search), ("correlation", CorrelationId),
        ("sort", SortBy == "createdAt" ? null : SortBy),
        ("dir", Descending ? null : "asc"),
        ("page", GridUrlState.PageText(Page)),
    ]);

    public static HistoryFilter FromQuery(IReadOnlyDictionary<string, string?> query) => new()
    {
        WorkflowId = query.Get("workflow"),
        Status = query.Get("status"),
        Mode = query.Get("mode"),
        From = query.Get("from"),
        To = query.Get("to"),
        Search = query.Get("q"),
        CorrelationId = query.Get("correlation"),
        SortBy = query.Get("sort") is { } sort && SortColumns.Contains(sort) ? sort : "createdAt",
        Descending = query.Get("dir") != "asc",
        Page = GridUrlState.ParsePage(query.Get("page")),
    };

    /// <summary>The columns the store sorts by.</summary>
    public static readonly IReadOnlySet<string> SortColumns = new HashSet<string> { "createdAt", "startedAt", "status", "workflowName", "duration" };
}
