using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Nodes.Settings;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>
/// Parks the run until a person approves or rejects (a signal with the decision), or until the optional timeout passes.
/// The request (title, message, note, times) is rendered once and kept in the node's state, so approvers see what the
/// run asked for even after a restart.
/// </summary>
public sealed class WaitForApprovalNode : NodeType
{
    public const string TypeName = "wait-for-approval";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string TimedOut = "timeout";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Wait for approval",
        Category = NodeCategory.Action,
        Description = "Parks the run until someone approves or rejects it in the monitor or through the API, or the timeout passes.",
        Icon = "user-check",
        Outputs = [new(Approved, "Approved"), new(Rejected, "Rejected"), new(TimedOut, "Timeout")],
        Settings =
        [
            new("title", "Title", SettingKind.Text) { Required = true, Default = "Approval needed", Placeholder = "Approve invoice {{ $json.number }}" },
            new("message", "Message", SettingKind.MultilineText) { Description = "What the approver decides on; templates are rendered when the run starts waiting." },
            new("note", "Note for approvers", SettingKind.MultilineText) { Description = "Guidance shown with the request, e.g. who should decide." },
            new("timeout", "Timeout", SettingKind.Duration) { Placeholder = "2d", Description = "Leave empty to wait without limit; when it passes the run continues on 'timeout'." },
        ],
    };

    public override bool HonoursNodeTimeout => false;

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var request = context.State as JsonObject ?? NewRequest(context, cancellationToken);
        var now = context.Clock.GetUtcNow();
        if (Decision(context.Signal) is { } decision)
        {
            var port = decision == "approve" ? Approved : Rejected;
            var by = NodeJson.String(context.Signal!["by"]) ?? "anonymous";
            var comment = NodeJson.String(context.Signal["comment"]);
            context.Log(LogLevel.Information, $"{(port == Approved ? "Approved" : "Rejected")} by {by}{(string.IsNullOrWhiteSpace(comment) ? "." : $": {comment}")}",
                new JsonObject { ["decision"] = port, ["by"] = by, ["comment"] = comment });
            return Done(context, request, port, by, comment, context.Signal["at"]?.GetValue<DateTimeOffset>() ?? now);
        }
        if (context.Signal is not null)
            context.Log(LogLevel.Warning, "Ignored a signal without a decision of 'approve' or 'reject'; still waiting.");

        var timeoutAt = request["timeoutAt"]?.GetValue<DateTimeOffset>();
        if (timeoutAt <= now)
        {
            context.Log(LogLevel.Warning, $"No decision before the timeout at {timeoutAt:yyyy-MM-dd HH:mm:ss} UTC.");
            return Done(context, request, TimedOut, null, null, now);
        }
        context.ReportProgress(new NodeProgress(Message: timeoutAt is { } at ? $"Waiting for approval until {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "Waiting for approval"));
        return Task.FromResult(NodeOutcome.Wait(request, timeoutAt));
    }

    /// <summary>The approval request of a waiting activation's state, as the API and the monitor show it.</summary>
    public static ApprovalRequest Request(JsonNode? state) => new(
        NodeJson.String(state?["title"]) ?? "Approval needed",
        NodeJson.String(state?["message"]),
        NodeJson.String(state?["note"]),
        state?["requestedAt"]?.GetValue<DateTimeOffset>(),
        state?["timeoutAt"]?.GetValue<DateTimeOffset>());

    /// <summary>"approve" or "reject" from a signal payload; null for anything else.</summary>
    public static string? Decision(JsonNode? signal) =>
        NodeJson.String(signal?["decision"])?.Trim().ToLowerInvariant() switch
        {
            "approve" => "approve",
            "reject" => "reject",
            _ => null,
        };

    private static JsonObject NewRequest(NodeContext context, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        var timeoutText = context.EvaluatedText("timeout", cancellationToken);
        DateTimeOffset? timeoutAt = null;
        if (!string.IsNullOrWhiteSpace(timeoutText))
            timeoutAt = DurationParser.TryParse(timeoutText, out var timeout)
                ? now + timeout
                : throw new NodeFailedException($"Timeout '{timeoutText}' is not a duration such as 30m, 8h or 2d.", "InvalidSettings");
        var request = new JsonObject
        {
            ["title"] = context.EvaluatedText("title", cancellationToken) ?? "Approval needed",
            ["message"] = context.EvaluatedText("message", cancellationToken),
            ["note"] = context.EvaluatedText("note", cancellationToken),
            ["requestedAt"] = now,
            ["timeoutAt"] = timeoutAt,
        };
        context.Log(LogLevel.Information, $"Waiting for approval: {request["title"]}");
        return request;
    }

    private static Task<NodeOutcome> Done(NodeContext context, JsonObject request, string decision, string? by, string? comment, DateTimeOffset at)
    {
        context.ReportProgress(new NodeProgress(Fraction: 1, Message: decision));
        return Task.FromResult(NodeOutcome.Next(new JsonObject
        {
            ["decision"] = decision,
            ["comment"] = comment,
            ["by"] = by,
            ["at"] = at,
            ["title"] = request["title"]?.DeepClone(),
            ["requestedAt"] = request["requestedAt"]?.DeepClone(),
            ["input"] = context.Input?.DeepClone(),
        }, decision));
    }
}

/// <summary>What a waiting approval asks for.</summary>
public sealed record ApprovalRequest(string Title, string? Message, string? Note, DateTimeOffset? RequestedAt, DateTimeOffset? TimeoutAt);
