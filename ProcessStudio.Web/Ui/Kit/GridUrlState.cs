using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace ProcessStudio.Web.Ui.Kit;

/// <summary>
/// A server-side MudDataGrid's view (filters, sort, page) kept in the page's URL, so a reload or a shared link shows the
/// same rows. Each grid's filter record says which keys it owns; this class reads, writes and translates them.
/// </summary>
public static class GridUrlState
{
    /// <summary>The current URL's query, one value per key.</summary>
    public static IReadOnlyDictionary<string, string?> Read(NavigationManager navigation) =>
        QueryHelpers.ParseQuery(new Uri(navigation.Uri).Query).ToDictionary(q => q.Key, q => (string?)q.Value.ToString());

    /// <summary>Replaces the URL (no history entry) when the view changed.</summary>
    public static void Keep(NavigationManager navigation, string path, string queryString)
    {
        var target = navigation.ToAbsoluteUri(path + queryString).ToString();
        if (target != navigation.Uri) navigation.NavigateTo(target, replace: true);
    }

    /// <summary>"?a=1&amp;b=2" from the parts that have a value, or "" when none has.</summary>
    public static string Build(IEnumerable<(string Key, string? Value)> parts)
    {
        var query = string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? "" : "?" + query;
    }

    /// <summary>A value of the query, or null when absent or blank.</summary>
    public static string? Get(this IReadOnlyDictionary<string, string?> query, string key) =>
        query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The URL shows pages from 1; the grid counts from 0. Anything else than a page number means the first.</summary>
    public static int ParsePage(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 1 ? page - 1 : 0;

    public static string? PageText(int page) => page == 0 ? null : (page + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The direction a column starts with: the URL's sort for that column, none for the others.</summary>
    public static SortDirection InitialDirection(string sortBy, bool descending, string column) =>
        sortBy != column ? SortDirection.None : descending ? SortDirection.Descending : SortDirection.Ascending;

    /// <summary>The grid's page and sort, with the sort's property mapped to the store's column name.</summary>
    public static (int Page, TColumn SortBy, bool Descending) From<T, TColumn>(GridState<T> state, Func<string, TColumn> column, TColumn defaultSort)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        return (state.Page, sort is null ? defaultSort : column(sort.SortBy), sort?.Descending ?? true);
    }

    /// <summary>yyyy-MM-dd as date inputs give it, as the start of that day (UTC).</summary>
    public static DateTimeOffset? ParseDay(string? value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : null;
}
