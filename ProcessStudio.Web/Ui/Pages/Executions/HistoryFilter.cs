using System.Globalization;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Pages.Executions;

/// <summary>The executions history's filters, sort and page, turned into a store query.</summary>
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

    private static DateTimeOffset? ParseDay(string? value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : null;
}
