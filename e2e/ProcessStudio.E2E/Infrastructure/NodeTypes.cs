namespace ProcessStudio.E2E.Infrastructure;

/// <summary>The registered node type names the scenarios use.</summary>
public static class NodeTypes
{
    public const string Manual = "manual-trigger";
    public const string Schedule = "schedule-trigger";
    public const string HttpRequest = "http-request";
    public const string Delay = "delay";
    public const string Log = "log";
    public const string Fail = "fail";
    public const string If = "if";
    public const string ForEach = "for-each";
    public const string SetVariables = "set-variables";
    public const string Transform = "transform";
    public const string WaitForApproval = "wait-for-approval";
    public const string WaitUntil = "wait-until";
}
