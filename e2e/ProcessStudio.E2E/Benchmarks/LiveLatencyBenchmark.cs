using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.E2E.Monitor;
using Xunit.Abstractions;

namespace ProcessStudio.E2E.Benchmarks;

/// <summary>
/// Measures how long an engine event takes to reach the monitor's DOM while 20 runs stream at once: each log line's
/// engine timestamp against the moment a MutationObserver in the page sees its row. A measurement, not an assertion;
/// run with PS_BENCH=1, results go to the test output and artifacts/bench/live-latency.json.
/// </summary>
public sealed class LiveLatencyBenchmark(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    /// <summary>20 by default; PS_BENCH_RUNS=1 gives the single-run baseline.</summary>
    private static readonly int ConcurrentRuns = int.TryParse(Environment.GetEnvironmentVariable("PS_BENCH_RUNS"), out var runs) ? runs : 20;
    private const int ItemsPerRun = 150;

    private const string RecordLatencies = """
        window.__latencies = [];
        window.__batches = [];
        window.__seen = new Set();
        window.__since = Number.MAX_SAFE_INTEGER;
        new MutationObserver(records => {
          const now = Date.now();
          for (const r of records) if (r.type === "attributes" && r.attributeName === "data-batch-oldest") {
            const ts = Number(r.target.dataset.batchOldest);
            if (ts >= window.__since) window.__batches.push(now - ts);
          }
          for (const r of records) for (const n of r.addedNodes) {
            if (n.nodeType !== 1) continue;
            const rows = n.matches?.('.log-line[data-ts]') ? [n] : n.querySelectorAll?.('.log-line[data-ts]') ?? [];
            for (const row of rows) {
              // A row re-rendered by scrolling or a resync is not a new arrival: count each line once.
              const ts = Number(row.dataset.ts), key = ts + "|" + row.textContent;
              if (ts < window.__since || window.__seen.has(key)) continue;
              window.__seen.add(key);
              window.__latencies.push(now - ts);
            }
          }
        }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-batch-oldest"] });
        """;

    [EnvFact("PS_BENCH")]
    public async Task Engine_event_to_DOM_delay_with_concurrent_runs_streaming()
    {
        var workflow = new WorkflowBuilder("Latency stream")
            .Node("start", NodeTypes.Manual, "Start", 0)
            .Node("each", NodeTypes.ForEach, "Each tick", 1, settings: new JsonObject { ["items"] = "$input.items" })
            .Node("pace", NodeTypes.Delay, "Pace", 2, settings: new JsonObject { ["duration"] = "40ms" })
            .Node("tick", NodeTypes.Log, "Tick", 3, settings: new JsonObject { ["message"] = "tick {{ $index }}" })
            .Connect("start", "each")
            .Connect("each", "pace", "item")
            .Connect("pace", "tick")
            .Build();
        var workflowId = await Api.SaveWorkflowAsync(workflow);
        var input = new JsonObject { ["items"] = new JsonArray(Enumerable.Range(0, ItemsPerRun).Select(i => (JsonNode?)i).ToArray()) };

        await WithPageAsync(async page =>
        {
            await page.AddInitScriptAsync(RecordLatencies);
            var runs = await Task.WhenAll(Enumerable.Range(0, ConcurrentRuns).Select(_ => Api.StartAsync(workflowId, input)));
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(runs[0]);
            await monitor.LogLines.First.WaitForAsync(new() { Timeout = 60_000 });
            // Only lines written after the page is live count; earlier ones came from the store snapshot.
            await page.EvaluateAsync("() => { window.__since = Date.now() + 250; }");
            await monitor.ExpectRunStatusAsync("completed", 300_000);

            var batches = (await page.EvaluateAsync<double[]>("() => window.__batches")).Order().ToArray();
            var lines = (await page.EvaluateAsync<double[]>("() => window.__latencies")).Order().ToArray();
            batches.Should().NotBeEmpty("the observed run streams events while the page is open");
            var result = new
            {
                concurrentRuns = ConcurrentRuns,
                itemsPerRun = ItemsPerRun,
                // Engine event → the monitor's DOM reflecting it (worst event of each rendered batch).
                eventToDom = Summary(batches),
                // Engine log line → its row visible in the virtualised log tail.
                logLineToRow = Summary(lines),
            };
            var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
            Output.WriteLine(json);
            var folder = Path.Combine(AppLocator.RepositoryRoot, "artifacts", "bench");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "live-latency.json"), json);
            foreach (var run in runs) await Api.WaitForStatusAsync(run, TimeSpan.FromMinutes(5), "completed", "failed", "cancelled");
        });
    }

    private static object Summary(double[] sorted) => sorted.Length == 0 ? new { samples = 0 } : new
    {
        samples = sorted.Length,
        p50Ms = Percentile(sorted, 0.50),
        p95Ms = Percentile(sorted, 0.95),
        p99Ms = Percentile(sorted, 0.99),
        maxMs = sorted[^1],
    };

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
