using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Caching.Memory;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>
/// Hands the workflow a prerendered designer loaded (already filtered for its reader) to the circuit that follows, so
/// the circuit's first render shows the same canvas at once instead of a spinner while it loads the workflow again.
/// The page carries only a token (persisted component state): the workflow itself would exceed the circuit's 32 KB
/// message limit. A token is taken once, by the same user, within a short time; otherwise the circuit loads as before.
/// </summary>
public sealed class WorkflowHandOff(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private const string StateKey = "designer-workflow-hand-off";

    private sealed record Entry(WorkflowVersion Workflow, string User);

    /// <summary>While prerendering: keeps the workflow and writes its token into the page.</summary>
    public void Give(PersistentComponentState state, WorkflowVersion workflow, string user)
    {
        var token = Guid.NewGuid().ToString("N");
        cache.Set(Key(token), new Entry(workflow, user), Lifetime);
        state.PersistAsJson(StateKey, token);
    }

    /// <summary>In the circuit: the workflow the prerender handed over, if it is the one asked for and for this user.</summary>
    public WorkflowVersion? Take(PersistentComponentState state, Guid workflowId, string user)
    {
        if (!state.TryTakeFromJson<string>(StateKey, out var token) || token is null) return null;
        if (!cache.TryGetValue(Key(token), out Entry? entry) || entry is null) return null;
        cache.Remove(Key(token));
        return entry.Workflow.WorkflowId == workflowId && entry.User == user ? entry.Workflow : null;
    }

    private static string Key(string token) => $"{nameof(WorkflowHandOff)}:{token}";
}
