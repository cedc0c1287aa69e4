using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Designer;

/// <summary>
/// A 300-node workflow in the designer: every node renders and a dragged node lands where it was dropped. The drag's
/// frame times, the worst frame and how often the dragged node moved on screen are measured and written to
/// artifacts/e2e/designer-drag.json for docs/performance.md (no timing assertion).
/// </summary>
public sealed class LargeWorkflowTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    // The shared 2-core machine can be slow; wait as long as for any other Playwright action.
    static LargeWorkflowTests() => SetDefaultExpectTimeout(DefaultTimeoutMs);

    private const int Columns = 15;
    private const int Rows = 20;

    [Fact]
    public async Task A_300_node_workflow_renders_every_node_and_a_dragged_node_keeps_its_new_place()
    {
        var builder = new WorkflowBuilder("Three hundred nodes").Node("n0", NodeTypes.Manual, "Start", 0);
        for (var i = 1; i < Columns * Rows; i++)
        {
            builder.Node($"n{i}", NodeTypes.Log, $"Log {i}", i % Columns, i / Columns, new() { ["message"] = $"step {i}" });
            builder.Connect($"n{i - 1}", $"n{i}");
        }
        var workflowId = await Api.SaveWorkflowAsync(builder.Build());
        var smallWorkflowId = await Api.SaveWorkflowAsync(new WorkflowBuilder("Three nodes")
            .Node("a", NodeTypes.Manual, "Start", 0).Node("b", NodeTypes.Log, "Log", 1, settings: new() { ["message"] = "hello" }).Connect("a", "b").Build());

        await WithPageAsync(async page =>
        {
            await page.SetViewportSizeAsync(1920, 1080);
            var warmUp = await WarmUpAsync(page, smallWorkflowId);
            await page.AddInitScriptAsync(LoadProbe.Script);
            var load = Stopwatch.StartNew();
            await page.GotoAsync($"workflows/{workflowId}");
            // The page shell and the empty canvas first (circuit, workflow loaded), then the nodes in it.
            await Expect(page.Locator(".canvas")).ToBeAttachedAsync(new() { Timeout = 60_000 });
            var canvasShown = load.Elapsed;
            // "Shown" means on screen: the last node is visible once the canvas has fitted the workflow.
            var nodes = page.Locator(".canvas [aria-roledescription='node']");
            await Expect(nodes).ToHaveCountAsync(Columns * Rows, new() { Timeout = 60_000 });
            await Expect(nodes.Last).ToBeVisibleAsync(new() { Timeout = 60_000 });
            load.Stop();
            var phases = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__canvasPhases");

            // The cards are laid out at the default viewport first and move when the canvas has measured itself and
            // fitted the workflow; the canvas shows them only then. Measure the card after that, or the press lands
            // where the card used to be (on empty canvas, which pans instead of dragging).
            var designer = new DesignerPage(page);
            var start = designer.Node("Start");
            await Expect(start).ToBeVisibleAsync();
            var box = (await start.Locator(".cnode-name").BoundingBoxAsync())!;

            await page.EvaluateAsync(FrameProbe.Start, "Start");
            await page.Mouse.MoveAsync(box.X + 10, box.Y + 5);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(box.X + 210, box.Y + 165, new() { Steps = 120 });
            await page.Mouse.UpAsync();
            var probe = await page.EvaluateAsync<DragProbe>(FrameProbe.Stop);

            var after = (await start.Locator(".cnode-name").BoundingBoxAsync())!;
            Assert.True(after.X - box.X > 150 && after.Y - box.Y > 100, $"The node stayed near its old place: {box.X},{box.Y} -> {after.X},{after.Y}");
            await Expect(page.GetByTestId("dirty-marker")).ToBeVisibleAsync();
            await Expect(nodes).ToHaveCountAsync(Columns * Rows);

            Record(probe, load.Elapsed, canvasShown, phases, warmUp);
        });
    }

    /// <summary>
    /// Uses the app as a person does before opening the big workflow: the workflows list, then a small workflow in the
    /// designer. The measured load is then a first visit of this workflow on a running server, not the process's
    /// just-in-time compilation of the designer (which a freshly started server pays once, on whatever page comes first).
    /// Returns how long the small designer took on that first visit.
    /// </summary>
    private static async Task<TimeSpan> WarmUpAsync(IPage page, Guid smallWorkflowId)
    {
        await page.GotoAsync("workflows");
        await Expect(page.GetByText("Three nodes").First).ToBeVisibleAsync();
        var firstDesigner = Stopwatch.StartNew();
        await page.GotoAsync($"workflows/{smallWorkflowId}");
        await Expect(page.Locator(".canvas [aria-roledescription='node']")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        firstDesigner.Stop();
        await page.GotoAsync("about:blank");
        return firstDesigner.Elapsed;
    }

    private sealed class DragProbe
    {
        public double[] Frames { get; set; } = [];
        public int Moves { get; set; }
        public double DurationMs { get; set; }
    }

    private void Record(DragProbe probe, TimeSpan load, TimeSpan canvasShown, Dictionary<string, double> phases, TimeSpan warmUp)
    {
        var sorted = probe.Frames.Order().ToArray();
        var mean = sorted.Average();
        var p95 = sorted[(int)Math.Floor(0.95 * (sorted.Length - 1))];
        var result = new
        {
            nodes = Columns * Rows,
            frames = sorted.Length,
            meanFrameMs = Math.Round(mean, 2),
            p95FrameMs = Math.Round(p95, 2),
            worstFrameMs = Math.Round(sorted[^1], 2),
            fps = Math.Round(1000 / mean, 1),
            draggedNodeUpdatesPerSecond = Math.Round(probe.Moves * 1000 / probe.DurationMs, 1),
            loadToCanvasMs = (long)canvasShown.TotalMilliseconds,
            loadToAllNodesMs = (long)load.TotalMilliseconds,
            // The small workflow's designer on the warm-up pass: the first designer page this server process rendered.
            firstDesignerPageMs = (long)warmUp.TotalMilliseconds,
            // Where the load time goes, in the browser's clock from navigation start (see LoadProbe).
            browserPhasesMs = phases.ToDictionary(p => p.Key, p => Math.Round(p.Value)),
            loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        };
        var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
        Directory.CreateDirectory(ArtifactsFolder);
        File.WriteAllText(Path.Combine(ArtifactsFolder, "designer-drag.json"), json);
        Output.WriteLine(json);
    }

    /// <summary>
    /// Installed before navigation: notes, in ms from navigation start, when the page's Blazor script has loaded
    /// (blazorScript), the canvas element appeared (canvas), its first and 300th node card were inserted (firstNode,
    /// allNodes), the canvas was marked fitted (fitted, it is hidden until then), and the frame after that was painted.
    /// </summary>
    private static class LoadProbe
    {
        public const string Script = """
            (() => {
              const t = window.__canvasPhases = {};
              const seen = (key) => { if (!(key in t)) t[key] = performance.now(); };
              new MutationObserver(() => {
                if (window.Blazor) seen("blazorScript");
                if (document.querySelector(".canvas")) seen("canvas");
                if (document.querySelector(".canvas .cnode")) seen("firstNode");
                if (!("allNodes" in t) && document.querySelectorAll(".canvas .cnode").length >= 300) seen("allNodes");
                if (!("fitted" in t) && document.querySelector(".canvas.fitted")) {
                  seen("fitted");
                  requestAnimationFrame(() => requestAnimationFrame(() => seen("paintedAfterFit")));
                }
              }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
            })();
            """;
    }

    /// <summary>
    /// Records requestAnimationFrame intervals while the drag runs, and counts the frames in which the dragged node
    /// (found by its accessible name) stood somewhere new on screen: the updates a person sees.
    /// </summary>
    private static class FrameProbe
    {
        public const string Start = """
            (name) => {
              const node = () => document.querySelector(`.canvas [aria-roledescription='node'][aria-label='${name}']`);
              const probe = window.__probe = { frames: [], moves: 0, first: 0, lastMove: 0, at: null };
              let last = performance.now();
              const tick = (now) => {
                probe.frames.push(now - last); last = now;
                const r = node()?.getBoundingClientRect();
                const at = r ? `${Math.round(r.left)},${Math.round(r.top)}` : null;
                if (probe.at !== null && at !== probe.at) { probe.moves++; if (!probe.first) probe.first = now; probe.lastMove = now; }
                probe.at = at;
                if (window.__probe === probe) probe.raf = requestAnimationFrame(tick);
              };
              probe.raf = requestAnimationFrame(tick);
            }
            """;

        public const string Stop = """
            () => {
              const p = window.__probe; window.__probe = null; cancelAnimationFrame(p.raf);
              return { frames: p.frames.slice(1), moves: p.moves, durationMs: Math.max(1, p.lastMove - p.first) };
            }
            """;
    }
}
