using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Security;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Data.Tests.Support;

namespace ProcessStudio.Data.Tests;

/// <summary>The audit grid sorts on the server: by time (the default, newest first), by who, or by action.</summary>
public sealed class AuditStoreSortTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private TestDatabase _db = default!;
    private SqliteAuditStore _store = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _store = new SqliteAuditStore(_db.Get<IDbContextFactory<ProcessStudioDbContext>>(), _db.Get<SqliteWriteGate>());
        var at = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        foreach (var (actor, action, minutes) in new[] { ("carol", "workflow.create", 0), ("alice", "execution.pause", 1), ("bob", "workflow.create", 2), ("alice", "user.create", 3) })
            await _store.AppendAsync(new AuditEntry(0, at.AddMinutes(minutes), actor, action, "workflow", null, null, null), null, Ct);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<IEnumerable<string>> Rows(AuditQuery query) =>
        (await _store.QueryAsync(query, Ct)).Items.Select(e => $"{e.Actor} {e.Action}");

    [Fact]
    public async Task By_default_the_newest_entry_comes_first()
    {
        (await Rows(new AuditQuery())).Should().Equal("alice user.create", "bob workflow.create", "alice execution.pause", "carol workflow.create");
        (await Rows(new AuditQuery(Descending: false))).Should().Equal("carol workflow.create", "alice execution.pause", "bob workflow.create", "alice user.create");
    }

    [Fact]
    public async Task Sorting_by_who_or_action_keeps_the_newest_first_among_equals_and_pages_over_the_sorted_rows()
    {
        (await Rows(new AuditQuery(SortBy: AuditSort.Actor, Descending: false)))
            .Should().Equal("alice user.create", "alice execution.pause", "bob workflow.create", "carol workflow.create");
        (await Rows(new AuditQuery(SortBy: AuditSort.Action, Descending: true, Offset: 1, Limit: 2)))
            .Should().Equal("carol workflow.create", "alice user.create");
    }
}
