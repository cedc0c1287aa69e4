using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests;

public abstract class ExecutionQueryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Guid OrdersWorkflow = Guid.NewGuid();
    private static readonly Guid BillingWorkflow = Guid.NewGuid();

    private TestDatabase _db = null!;
    private IExecutionStore Store => _db.Executions;
    private CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(provider);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<ExecutionRecord> AddAsync(Guid workflowId, ExecutionStatus status, int minutesAfterBase,
        ExecutionMode mode = ExecutionMode.Manual, int? durationMs = null, string? error = null, JsonNode? input = null)
    {
        var run = TestData.Execution(workflowId, status, TestData.BaseTime.AddMinutes(minutesAfterBase), mode, input);
        if (durationMs is { } ms)
        {
            run.StartedAt = run.CreatedAt;
            run.StoppedAt = run.CreatedAt.AddMilliseconds(ms);
        }
        run.ErrorMessage = error;
        await Store.CreateAsync(run, null, Ct);
        return run;
    }

    [Fact]
    public async Task Filters_by_workflow_status_mode_and_date_range()
    {
        var a = await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, 0);
        var b = await AddAsync(OrdersWorkflow, ExecutionStatus.Failed, 10, ExecutionMode.Api);
        var c = await AddAsync(BillingWorkflow, ExecutionStatus.Completed, 20, ExecutionMode.Api);
        var d = await AddAsync(OrdersWorkflow, ExecutionStatus.Running, 30);

        async Task<IEnumerable<Guid>> Ids(ExecutionQuery q) => (await Store.QueryAsync(q, Ct)).Items.Select(r => r.Id);

        (await Ids(new() { WorkflowId = OrdersWorkflow })).Should().Equal(d.Id, b.Id, a.Id);
        (await Ids(new() { Statuses = [ExecutionStatus.Completed, ExecutionStatus.Failed] })).Should().Equal(c.Id, b.Id, a.Id);
        (await Ids(new() { Mode = ExecutionMode.Api })).Should().Equal(c.Id, b.Id);
        (await Ids(new() { From = TestData.BaseTime.AddMinutes(10), To = TestData.BaseTime.AddMinutes(20) })).Should().Equal(c.Id, b.Id);
        (await Ids(new() { WorkflowId = OrdersWorkflow, Statuses = [ExecutionStatus.Completed], Descending = false })).Should().Equal(a.Id);
    }

    [Fact]
    public async Task Pages_report_the_total_and_do_not_overlap()
    {
        var runs = new List<ExecutionRecord>();
        for (var i = 0; i < 7; i++)
            runs.Add(await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, i));

        var first = await Store.QueryAsync(new() { Limit = 3, Descending = false }, Ct);
        var third = await Store.QueryAsync(new() { Limit = 3, Offset = 6, Descending = false }, Ct);

        first.Total.Should().Be(7);
        first.Items.Select(r => r.Id).Should().Equal(runs.Take(3).Select(r => r.Id));
        third.Items.Select(r => r.Id).Should().Equal(runs[6].Id);
        third.Total.Should().Be(7);
    }

    [Fact]
    public async Task Search_matches_id_prefix_input_output_and_error_text()
    {
        var byInput = await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, 0, input: new JsonObject { ["customer"] = "Globex" });
        var byError = await AddAsync(OrdersWorkflow, ExecutionStatus.Failed, 1, error: "HTTP 503 from globex.example");
        var other = await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, 2);

        var text = await Store.QueryAsync(new() { Search = "GLOBEX" }, Ct);
        var prefix = await Store.QueryAsync(new() { Search = other.Id.ToString()[..8] }, Ct);
        var wildcard = await Store.QueryAsync(new() { Search = "%" }, Ct);

        text.Items.Select(r => r.Id).Should().BeEquivalentTo([byInput.Id, byError.Id]);
        prefix.Items.Select(r => r.Id).Should().Equal(other.Id);
        wildcard.Items.Should().BeEmpty("a LIKE wildcard in user text is matched literally");
    }

    [Fact]
    public async Task Sorts_by_duration_status_and_start_time()
    {
        var slow = await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, 0, durationMs: 9000);
        var fast = await AddAsync(OrdersWorkflow, ExecutionStatus.Failed, 1, durationMs: 100);
        var medium = await AddAsync(OrdersWorkflow, ExecutionStatus.Cancelled, 2, durationMs: 2000);

        (await Store.QueryAsync(new() { SortBy = "duration" }, Ct)).Items.Select(r => r.Id).Should().Equal(slow.Id, medium.Id, fast.Id);
        (await Store.QueryAsync(new() { SortBy = "status", Descending = false }, Ct)).Items.Select(r => r.Id).Should().Equal(slow.Id, fast.Id, medium.Id);
        (await Store.QueryAsync(new() { SortBy = "startedAt", Descending = false }, Ct)).Items.Select(r => r.Id).Should().Equal(slow.Id, fast.Id, medium.Id);
    }

    [Fact]
    public async Task Bad_paging_or_sorting_names_the_field()
    {
        await ((Func<Task>)(() => Store.QueryAsync(new() { SortBy = "name" }, Ct))).Should().ThrowAsync<ArgumentException>().WithMessage("*SortBy*");
        await ((Func<Task>)(() => Store.QueryAsync(new() { Limit = 0 }, Ct))).Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*Limit*");
        await ((Func<Task>)(() => Store.QueryAsync(new() { Offset = -1 }, Ct))).Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*Offset*");
    }

    [Fact]
    public async Task Lists_runs_by_status_for_recovery()
    {
        var running = await AddAsync(OrdersWorkflow, ExecutionStatus.Running, 0);
        var paused = await AddAsync(OrdersWorkflow, ExecutionStatus.Paused, 1);
        await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, 2);

        var active = await Store.ListByStatusAsync([ExecutionStatus.Running, ExecutionStatus.Paused], Ct);

        active.Select(r => r.Id).Should().Equal(running.Id, paused.Id);
    }

    [Fact]
    public async Task Statistics_count_rates_durations_and_hourly_buckets()
    {
        await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, 5, durationMs: 1000);
        await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, 70, durationMs: 3000);
        await AddAsync(OrdersWorkflow, ExecutionStatus.Failed, 75, durationMs: 2000);
        await AddAsync(OrdersWorkflow, ExecutionStatus.Running, 130);
        await AddAsync(BillingWorkflow, ExecutionStatus.Failed, 10, durationMs: 500);
        await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, 60 * 24, durationMs: 500); // outside the range

        var stats = await Store.GetStatisticsAsync(TestData.BaseTime, TestData.BaseTime.AddHours(3), OrdersWorkflow, Ct);

        stats.Total.Should().Be(4);
        stats.CountsByStatus[ExecutionStatus.Completed].Should().Be(2);
        stats.CountsByStatus[ExecutionStatus.Failed].Should().Be(1);
        stats.CountsByStatus[ExecutionStatus.Running].Should().Be(1);
        stats.CountsByStatus[ExecutionStatus.Paused].Should().Be(0);
        stats.SuccessRate.Should().BeApproximately(2.0 / 3, 1e-9);
        stats.AverageDurationMs.Should().BeApproximately(2000, 1e-9);
        stats.OverTime.Should().Equal(
            new ExecutionBucket(TestData.BaseTime, 1, 0, 0),
            new ExecutionBucket(TestData.BaseTime.AddHours(1), 1, 1, 0),
            new ExecutionBucket(TestData.BaseTime.AddHours(2), 0, 0, 1));
    }

    [Fact]
    public async Task Statistics_count_a_failed_rollback_as_failed_and_a_compensated_run_against_the_success_rate()
    {
        await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, 5);
        await AddAsync(OrdersWorkflow, ExecutionStatus.Failed, 10);
        await AddAsync(OrdersWorkflow, ExecutionStatus.CompensationFailed, 15);
        await AddAsync(OrdersWorkflow, ExecutionStatus.Compensated, 20);
        await AddAsync(OrdersWorkflow, ExecutionStatus.Cancelled, 25);

        var stats = await Store.GetStatisticsAsync(TestData.BaseTime, TestData.BaseTime.AddHours(1), OrdersWorkflow, Ct);

        stats.CountsByStatus[ExecutionStatus.CompensationFailed].Should().Be(1);
        stats.CountsByStatus[ExecutionStatus.Compensated].Should().Be(1);
        stats.SuccessRate.Should().Be(0.25, "one completed of four that ended by themselves; the cancelled run is left out");
        stats.OverTime.Should().Equal(new ExecutionBucket(TestData.BaseTime, Completed: 1, Failed: 2, Other: 2));
    }

    [Fact]
    public async Task Statistics_over_more_than_two_days_use_daily_buckets_and_all_workflows()
    {
        await AddAsync(OrdersWorkflow, ExecutionStatus.Completed, 0);
        await AddAsync(BillingWorkflow, ExecutionStatus.Failed, 60 * 24 * 2);
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        var stats = await Store.GetStatisticsAsync(from, from.AddDays(4), null, Ct);

        stats.OverTime.Select(b => (b.Start.Day, b.Completed, b.Failed)).Should().Equal((1, 1, 0), (2, 0, 0), (3, 0, 1), (4, 0, 0));
        stats.AverageDurationMs.Should().BeNull("no run in range has both start and stop times");
        stats.SuccessRate.Should().Be(0.5);
    }

    [Fact]
    public async Task Logs_filter_by_level_node_text_and_tail_after_an_id()
    {
        var run = await AddAsync(OrdersWorkflow, ExecutionStatus.Running, 0);
        await Store.CommitStepAsync(new StepCommit
        {
            Execution = run, ExpectedVersion = 0,
            Logs =
            [
                TestData.Log(run, "Started", LogLevel.Debug),
                TestData.Log(run, "Calling api.example.com", LogLevel.Information, "http1", 1),
                TestData.Log(run, "Attempt 1 of 3 failed: 503", LogLevel.Warning, "http1", 1, new JsonObject { ["status"] = 503 }),
                TestData.Log(run, "Giving up", LogLevel.Error, "http1", 1),
                TestData.Log(run, "Sent mail", LogLevel.Information, "mail", 2),
            ],
        }, Ct);

        var all = await Store.GetLogsAsync(run.Id, new LogQuery(), Ct);
        all.Items.Select(l => l.Message).Should().Equal("Started", "Calling api.example.com", "Attempt 1 of 3 failed: 503", "Giving up", "Sent mail");
        all.Items.Select(l => l.Id).Should().BeInAscendingOrder();

        (await Store.GetLogsAsync(run.Id, new() { MinLevel = LogLevel.Warning }, Ct)).Items.Select(l => l.Message)
            .Should().Equal("Attempt 1 of 3 failed: 503", "Giving up");
        (await Store.GetLogsAsync(run.Id, new() { NodeId = "mail" }, Ct)).Items.Select(l => l.Message).Should().Equal("Sent mail");
        (await Store.GetLogsAsync(run.Id, new() { Search = "API.EXAMPLE" }, Ct)).Items.Select(l => l.Message).Should().Equal("Calling api.example.com");
        (await Store.GetLogsAsync(run.Id, new() { Search = "\"status\":503" }, Ct)).Items.Should().ContainSingle("data is searched too");

        var tail = await Store.GetLogsAsync(run.Id, new() { AfterId = all.Items[2].Id, Limit = 1 }, Ct);
        tail.Items.Select(l => l.Message).Should().Equal("Giving up");
        tail.Total.Should().Be(5);
    }
}
