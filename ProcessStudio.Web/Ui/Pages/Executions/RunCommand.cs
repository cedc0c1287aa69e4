namespace ProcessStudio.Web.Ui.Pages.Executions;

/// <summary>What the person asked the run to do from the monitor.</summary>
public enum RunCommand { Pause, Resume, Cancel, Step, RetryFromStart, RetryFromFailed, ResumeOnLatest, Compensate }
