namespace ProcessStudio.Engine.Execution.Remote;

/// <summary>
/// Commands and webhook answers that cross instances ("ProcessStudio:Engine:RemoteCommands" in configuration). Only
/// used when several instances share PostgreSQL; a single instance never writes a command row.
/// </summary>
public sealed class RemoteCommandOptions
{
    /// <summary>
    /// How often the instance driving runs looks for commands sent to them from elsewhere when no notice woke it. A
    /// sender notifies the holder over the cluster channel, which claims the command at once; this poll only catches a
    /// notice that was lost.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a sender looks for the holder's answer to its command, and a webhook waiting for a Respond node of a
    /// run driven elsewhere for the stored response.
    /// </summary>
    public TimeSpan AnswerPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a command sent to a run driven elsewhere waits for the holder's answer. A command nobody claimed by
    /// then is withdrawn (never applied) and answered 503; one claimed but not answered is answered 503 with its
    /// outcome unknown.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Command rows left behind by a sender that died are deleted after this.</summary>
    public TimeSpan KeepUnreadFor { get; set; } = TimeSpan.FromHours(1);
}
