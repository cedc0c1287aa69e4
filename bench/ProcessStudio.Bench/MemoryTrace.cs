namespace ProcessStudio.Bench;

/// <summary>
/// MEASURE_MEMORY_TRACE=seconds prints, every so many seconds while a measurement runs, the RSS next to the managed heap
/// after the last GC: it tells live data (heap) from memory the GC keeps or the runtime holds outside the heap.
/// </summary>
internal sealed class MemoryTrace : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _printing;

    private MemoryTrace(TimeSpan every) => _printing = PrintAsync(every, _stop.Token);

    public static MemoryTrace? StartFromEnvironment() =>
        double.TryParse(Environment.GetEnvironmentVariable("MEASURE_MEMORY_TRACE"), out var seconds) && seconds > 0
            ? new MemoryTrace(TimeSpan.FromSeconds(seconds)) : null;

    public static string Line()
    {
        var info = GC.GetGCMemoryInfo();
        var rss = long.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return $"RSS {rss / 1048576.0:N0} MiB, heap after last GC {info.HeapSizeBytes / 1048576.0:N0} MiB (fragmented {info.FragmentedBytes / 1048576.0:N0}, " +
            $"committed {info.TotalCommittedBytes / 1048576.0:N0}, promoted {info.PromotedBytes / 1048576.0:N0}), GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, " +
            $"server {System.Runtime.GCSettings.IsServerGC}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}";
    }

    private static async Task PrintAsync(TimeSpan every, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (Environment.GetEnvironmentVariable("MEASURE_MEMORY_LIVE") == "1") GC.Collect();   // scratch: live set only
                Console.WriteLine($"  [memory] {Line()}");
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _printing;
        _stop.Dispose();
    }
}
