using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>Records every log line with the scope values active when it was written.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public sealed record Line(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope);

    public ConcurrentQueue<Line> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>();
            provider._scopes.ForEachScope((value, bag) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object>> pairs)
                    foreach (var (key, item) in pairs) bag[key] = item;
            }, scope);
            provider.Lines.Enqueue(new Line(category, logLevel, formatter(state, exception), scope));
        }
    }
}
