using System.Globalization;
using Microsoft.AspNetCore.Components;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Ui.Live;

namespace ProcessStudio.Web.Ui.Pages.Dashboard;

/// <summary>
/// Counts, success rate, durations and a chart from the store's statistics; runs in progress kept live from engine
/// status events. A run finishing refreshes the figures, at most once every two seconds.
/// </summary>
public sealed partial class DashboardPage
{
    private static readonly IReadOnlyList<string> ChartRanges = ["24 hours", "7 days"];
    private static readonly ExecutionStatus[] ActiveStatuses =
        [ExecutionStatus.Queued, ExecutionStatus.Pending, ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Waiting];
    private static readonly ExecutionStatus[] FailureStatuses = [.. Enum.GetValues<ExecutionStatus>().Where(s => s.IsFailure())];
    private const int FailureCount = 6;

    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<Guid, ExecutionRecord> _running = [];
    private ExecutionStatistics? _today;
    private ExecutionStatistics? _today24h;
    private ExecutionStatistics? _week;
    private IReadOnlyList<ExecutionRecord> _failures = [];
    private string _chartRange = ChartRanges[1];
    private ExecutionStatusFeed? _feed;
    private RenderThrottle? _refreshThrottle;

    [Inject] private IExecutionStore Store { get; set; } = default!;
    [Inject] private ILiveEventStream Events { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // Subscribe first: a run that starts while the figures load is not missed.
        _feed = new ExecutionStatusFeed(Events, changes => InvokeAsync(() => OnStatusChangesAsync(changes)));
        _refreshThrottle = new RenderThrottle(TimeSpan.FromSeconds(2), () => InvokeAsync(async () => { await LoadFiguresAsync(); StateHasChanged(); }));
        foreach (var run in await Store.ListByStatusAsync(ActiveStatuses, _disposed.Token)) _running[run.Id] = run;
        await LoadFiguresAsync();
    }

    private async Task LoadFiguresAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var startOfToday = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var endOfToday = startOfToday.AddDays(1);
        _today = await Store.GetStatisticsAsync(startOfToday, endOfToday, null, _disposed.Token);
        _today24h = await Store.GetStatisticsAsync(now.AddHours(-23).AddMinutes(-now.Minute).AddSeconds(-now.Second), now.AddHours(1), null, _disposed.Token);
        _week = await Store.GetStatisticsAsync(startOfToday.AddDays(-6), endOfToday, null, _disposed.Token);
        _failures = (await Store.QueryAsync(new ExecutionQuery { Statuses = FailureStatuses, Limit = FailureCount }, _disposed.Token)).Items;
    }

    private async Task OnStatusChangesAsync(IReadOnlyCollection<ExecutionStatusChanged> changes)
    {
        foreach (var change in changes)
        {
            if (change.Status.IsFinished())
            {
                _running.Remove(change.ExecutionId);
                continue;
            }
            if (!_running.TryGetValue(change.ExecutionId, out var run))
            {
                if (await Store.GetAsync(change.ExecutionId, _disposed.Token) is not { } loaded) continue;
                _running[change.ExecutionId] = run = loaded;
            }
            run.Status = change.Status;
            run.TotalNodes = change.TotalNodes;
            run.CompletedNodes = change.CompletedNodes;
        }
        _refreshThrottle?.Signal();
        StateHasChanged();
    }

    private static int Count(ExecutionStatistics stats, ExecutionStatus status) => stats.CountsByStatus.GetValueOrDefault(status);

    /// <summary>Failures that need attention: failed runs and runs whose rollback failed.</summary>
    private static int Failures(ExecutionStatistics stats) => FailureStatuses.Sum(status => Count(stats, status));

    private static string Css(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_feed is not null) await _feed.DisposeAsync();
        _refreshThrottle?.Dispose();
        _disposed.Dispose();
    }
}
