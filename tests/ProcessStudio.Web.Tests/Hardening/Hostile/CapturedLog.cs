using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>Every log entry of Warning and above the app writes, kept in memory next to its normal sinks.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    /// <summary>Entries that mean a request reached an unhandled exception (the API's own line and ASP.NET Core's).</summary>
    public IReadOnlyList<string> Unhandled => Entries
        .Where(e => e.Contains("Unhandled error", StringComparison.OrdinalIgnoreCase) || e.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase))
        .ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}");
        }
    }
}
