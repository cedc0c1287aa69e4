using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// When a For Each may continue on <c>done</c> before every item ran: <c>completeWhen</c> (an expression over the results
/// so far) or <c>minSuccessful</c> (N of M iterations succeeded), and what happens to iterations still running then
/// (<c>onRemaining</c>: cancel, wait, ignore). The decision layer only: the cursor and kept values stay For Each's.
/// </summary>
internal sealed record ForEachCompletion(string? CompleteWhen, int? MinSuccessful, JoinRemaining OnRemaining)
{
    public const string StoppingField = "stopping";
    public const string SuccessesField = "successes";

    public static IReadOnlyList<SettingDescriptor> Settings { get; } =
    [
        new("completeWhen", "Complete when", SettingKind.Expression) { Placeholder = "count(filter($results, r => r.ok)) >= 3" },
        new("minSuccessful", "Complete after N successes", SettingKind.Integer) { Min = 1, Max = 10_000_000 },
        new("onRemaining", "Iterations still running then", SettingKind.Select) { Options = ["cancel", "wait", "ignore"], Default = "cancel", AllowsTemplates = false },
    ];

    public static ForEachCompletion Of(NodeContext context) => new(
        NodeJson.String(context.Setting("completeWhen")) is { Length: > 0 } expression ? expression : null,
        NodeJson.Int(context.Setting("minSuccessful")),
        NodeJson.String(context.Setting("onRemaining")) switch
        {
            "wait" => JoinRemaining.Wait,
            "ignore" => JoinRemaining.Ignore,
            _ => JoinRemaining.Cancel,
        });

    public bool IsSet => CompleteWhen is not null || MinSuccessful is not null;

    /// <summary>An iteration succeeded unless its body ended on an error port (continue on error): the engine's error object.</summary>
    public static bool Succeeded(JsonNode? result) =>
        result is not JsonObject error || !(error.ContainsKey("message") && error.ContainsKey("nodeId") && error.ContainsKey("attempts"));

    /// <summary>True when the iterations finished so far complete the For Each. <paramref name="results"/> is built only if needed.</summary>
    public bool Reached(NodeContext context, int successes, Func<JsonArray> results, CancellationToken cancellationToken)
    {
        if (MinSuccessful is { } min && successes >= min) return true;
        if (CompleteWhen is null) return false;
        context.Scope.Set("$results", results()).Set("$successes", successes);
        return ExpressionValues.IsTruthy(context.Evaluate(CompleteWhen, cancellationToken));
    }
}
