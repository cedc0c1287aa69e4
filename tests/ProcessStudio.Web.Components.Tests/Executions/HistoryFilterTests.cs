using ProcessStudio.Web.Ui.Pages.Executions;

namespace ProcessStudio.Web.Components.Tests.Executions;

/// <summary>The executions view lives in the URL: what is written can be read back.</summary>
public sealed class HistoryFilterTests
{
    private static HistoryFilter RoundTrip(HistoryFilter filter)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(filter.ToQueryString());
        return HistoryFilter.FromQuery(query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString()));
    }

    [Fact]
    public void The_default_view_has_no_query_string()
    {
        new HistoryFilter().ToQueryString().Should().BeEmpty();
    }

    [Fact]
    public void Filters_sort_and_page_survive_the_url()
    {
        var filter = new HistoryFilter
        {
            WorkflowId = Guid.NewGuid().ToString(), Status = "Failed", Mode = "Manual", From = "2026-12-01", To = "2026-12-07",
            Search = "order #42 & more", SortBy = "duration", Descending = false, Page = 3,
        };
        RoundTrip(filter).Should().Be(filter);
    }

    [Fact]
    public void An_unknown_sort_column_or_page_falls_back_to_the_default()
    {
        var filter = HistoryFilter.FromQuery(new Dictionary<string, string?> { ["sort"] = "password", ["page"] = "-4" });
        filter.SortBy.Should().Be("createdAt");
        filter.Page.Should().Be(0);
    }
}
