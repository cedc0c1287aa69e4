namespace ProcessStudio.Engine.Scripting;

/// <summary>
/// Limits of one Code node activation ("Engine:Code" in configuration). A script that passes any of them fails the node
/// with an error naming the limit; the worker thread is free again at once.
/// </summary>
public sealed class CodeNodeOptions
{
    /// <summary>Wall-clock time one script may run.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bytes the script may allocate while it runs (Jint counts the thread's allocations, garbage included).</summary>
    public long MaxMemoryBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Statements the script may execute; stops tight loops before the time limit on a busy machine.</summary>
    public int MaxStatements { get; set; } = 10_000_000;

    /// <summary>How deep script functions may call each other.</summary>
    public int MaxRecursionDepth { get; set; } = 256;

    /// <summary>console.log/info/warn/error lines one activation may write to the run log; later lines are dropped with one warning.</summary>
    public int MaxLogLines { get; set; } = 100;

    /// <summary>Characters of one console line kept in the run log.</summary>
    public int MaxLogLineLength { get; set; } = 4_000;
}
