using ProcessStudio.Data.Security;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Ui.Pages.Settings;

/// <summary>The audit grid's filters, sort and page: read from and written to the settings page's URL, turned into a store query.</summary>
public sealed record AuditFilter
{
    public const int PageSize = 25;

    /// <summary>Part of a user or key name.</summary>
    public string? Who { get; init; }
    public string? Action { get; init; }
    /// <summary>Dates as the date inputs give them (yyyy-MM-dd).</summary>
    public string? From { get; init; }
    public string? To { get; init; }
    public AuditSort SortBy { get; init; } = AuditSort.Time;
    public bool Descending { get; init; } = true;
    public int Page { get; init; }

    public bool HasFilters => Who is not null || Action is not null || From is not null || To is not null;

    public AuditQuery ToQuery() => new(
        Actor: Who?.Trim(),
        Action: Action,
        From: GridUrlState.ParseDay(From),
        To: GridUrlState.ParseDay(To)?.AddDays(1),
        Offset: Page * PageSize,
        Limit: PageSize,
        SortBy: SortBy,
        Descending: Descending);

    /// <summary>The query string for this view (only what differs from the default), so a link or reload shows the same rows.</summary>
    public string ToQueryString() => GridUrlState.Build(
    [
        ("who", Who), ("action", Action), ("from", From), ("to", To),
        ("sort", SortBy == AuditSort.Time ? null : ColumnName(SortBy)),
        ("dir", Descending ? null : "asc"),
        ("page", GridUrlState.PageText(Page)),
    ]);

    public static AuditFilter FromQuery(IReadOnlyDictionary<string, string?> query) => new()
    {
        Who = query.Get("who"),
        Action = query.Get("action") is { } action && AuditAction.All.Any(a => a.Name == action) ? action : null,
        From = query.Get("from"),
        To = query.Get("to"),
        SortBy = Enum.TryParse<AuditSort>(query.Get("sort"), ignoreCase: true, out var sort) && Enum.IsDefined(sort) ? sort : AuditSort.Time,
        Descending = query.Get("dir") != "asc",
        Page = GridUrlState.ParsePage(query.Get("page")),
    };

    /// <summary>The URL's (and grid's) name of a sort column.</summary>
    public static string ColumnName(AuditSort sort) => sort.ToString().ToLowerInvariant();

    /// <summary>The sort column of a grid property (<see cref="AuditEntry"/>'s), time for anything else.</summary>
    public static AuditSort SortOf(string property) => property switch
    {
        nameof(AuditEntry.Actor) => AuditSort.Actor,
        nameof(AuditEntry.Action) => AuditSort.Action,
        _ => AuditSort.Time,
    };
}
