using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>What the logs panel shows: a minimum level, one node, and a case-insensitive text search.</summary>
public sealed record LogFilter(LogLevel? MinLevel = null, string? NodeId = null, string? Search = null)
{
    public static readonly LogFilter All = new();

    public bool IsEmpty => MinLevel is null && string.IsNullOrEmpty(NodeId) && string.IsNullOrWhiteSpace(Search);

    public bool Matches(ExecutionLogRecord log) =>
        (MinLevel is null || log.Level >= MinLevel)
        && (string.IsNullOrEmpty(NodeId) || log.NodeId == NodeId)
        && (string.IsNullOrWhiteSpace(Search) || log.Message.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase));
}
