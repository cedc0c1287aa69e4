using Microsoft.Extensions.Logging;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>How log levels read in the logs panel.</summary>
public static class LogLevels
{
    public static readonly IReadOnlyList<LogLevel> Filterable = [LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error];

    public static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRC",
        LogLevel.Debug => "DBG",
        LogLevel.Information => "INF",
        LogLevel.Warning => "WRN",
        LogLevel.Error => "ERR",
        LogLevel.Critical => "CRT",
        _ => "   ",
    };

    public static string Css(LogLevel level) => level.ToString().ToLowerInvariant();
}
