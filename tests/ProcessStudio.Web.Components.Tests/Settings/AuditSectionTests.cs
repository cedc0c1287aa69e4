using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProcessStudio.Data.Security;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Pages.Settings;

namespace ProcessStudio.Web.Components.Tests.Settings;

/// <summary>The audit trail is a server-side grid whose filters, sort and page live in the URL.</summary>
public sealed class AuditSectionTests : ComponentTest
{
    private readonly RecordingAuditStore _store = new();

    public AuditSectionTests() =>
        Services.AddSingleton(new AuditTrail(_store, TimeProvider.System, NullLogger<AuditTrail>.Instance));

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void A_shared_link_asks_the_store_for_the_same_filter_sort_and_page()
    {
        _store.Total = 60;
        Navigation.NavigateTo("settings?who=oscar&action=execution.pause&sort=actor&dir=asc&page=2");

        var cut = Render<AuditSection>();

        cut.WaitForAssertion(() => _store.Queries.Should().NotBeEmpty());
        _store.Queries[^1].Should().BeEquivalentTo(new AuditQuery(
            Actor: "oscar", Action: "execution.pause", Offset: AuditFilter.PageSize, Limit: AuditFilter.PageSize,
            SortBy: AuditSort.Actor, Descending: false));
    }

    [Fact]
    public void Rows_show_who_did_what_and_link_to_the_target()
    {
        var executionId = Guid.NewGuid().ToString();
        _store.Rows = [new AuditEntry(1, DateTimeOffset.UtcNow, "oscar", "execution.pause", AuditTarget.ExecutionType, executionId, "Nightly import", null)];

        var cut = Render<AuditSection>();

        cut.WaitForAssertion(() => cut.FindAll(".audit-grid tbody tr").Should().ContainSingle());
        var row = cut.Find(".audit-grid tbody tr");
        row.TextContent.Should().Contain("oscar").And.Contain("execution.pause");
        row.QuerySelector("a")!.GetAttribute("href").Should().Be($"executions/{executionId}");
    }

    [Fact]
    public void Sorting_by_a_column_writes_the_sort_into_the_url()
    {
        var cut = Render<AuditSection>();
        cut.WaitForAssertion(() => _store.Queries.Should().NotBeEmpty());

        cut.FindAll("th .sortable-column-header").Single(h => h.TextContent.Contains("Who")).Click();

        cut.WaitForAssertion(() => Navigation.Uri.Should().EndWith("settings?sort=actor&dir=asc"));
        _store.Queries[^1].SortBy.Should().Be(AuditSort.Actor);
    }

    [Fact]
    public void A_new_filter_starts_at_the_first_page_and_goes_into_the_url()
    {
        _store.Total = 60;
        Navigation.NavigateTo("settings?page=2");
        var cut = Render<AuditSection>();
        cut.WaitForAssertion(() => _store.Queries.Should().NotBeEmpty());

        cut.Find(".audit-filters input").Input("alice");

        cut.WaitForAssertion(() => Navigation.Uri.Should().EndWith("settings?who=alice"), TimeSpan.FromSeconds(3));
        _store.Queries[^1].Should().Match<AuditQuery>(q => q.Actor == "alice" && q.Offset == 0);
    }

    [Fact]
    public void The_url_round_trips_every_part_of_the_view_and_ignores_what_it_does_not_know()
    {
        var filter = new AuditFilter { Who = "key:ci & co", Action = "execution.pause", From = "2026-12-01", To = "2026-12-07", SortBy = AuditSort.Action, Descending = false, Page = 4 };
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(filter.ToQueryString()).ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        AuditFilter.FromQuery(query).Should().Be(filter);

        AuditFilter.FromQuery(new Dictionary<string, string?> { ["sort"] = "password", ["action"] = "drop.table", ["page"] = "x" })
            .Should().Be(new AuditFilter());
        new AuditFilter().ToQueryString().Should().BeEmpty();
    }

    private sealed class RecordingAuditStore : IAuditStore
    {
        public List<AuditQuery> Queries { get; } = [];
        public IReadOnlyList<AuditEntry> Rows { get; set; } = [];
        public int Total { get; set; }

        public Task AppendAsync(AuditEntry entry, ExecutionLogNote? note, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
        {
            Queries.Add(query);
            return Task.FromResult(new Page<AuditEntry>(Rows, Math.Max(Total, Rows.Count), query.Offset, query.Limit));
        }
    }
}
