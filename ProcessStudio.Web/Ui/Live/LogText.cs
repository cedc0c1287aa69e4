using System.Globalization;
using System.Text;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>Log lines as plain text for copy and download: time, level, node, message.</summary>
public static class LogText
{
    public static string Format(IEnumerable<ExecutionLogRecord> logs, Func<string, string> nodeName)
    {
        var text = new StringBuilder();
        foreach (var log in logs)
        {
            text.Append(log.Timestamp.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture))
                .Append(' ').Append(LogLevels.Short(log.Level));
            if (log.NodeId is { } nodeId) text.Append(" [").Append(nodeName(nodeId)).Append(']');
            text.Append(' ').Append(log.Message).Append('\n');
        }
        return text.ToString();
    }
}
