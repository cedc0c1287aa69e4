using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// A join's arrivals in one scope: live arrivals queued per incoming link (oldest first), so a second arrival on a link
/// waits for the next firing instead of replacing the first. Checkpointed with the run state.
/// </summary>
public sealed class JoinState
{
    /// <summary>Live arrivals not used yet, by connection id.</summary>
    public Dictionary<string, List<JoinArrival>> Queued { get; set; } = [];
    /// <summary>Links whose latest live arrival a firing used: once their source can run no more they have nothing left to give.</summary>
    public HashSet<string> Spent { get; set; } = [];
    /// <summary>Links the current round still expects one arrival from after an N-of-M firing; that arrival is absorbed.</summary>
    public HashSet<string> Owed { get; set; } = [];
    public int Fired { get; set; }
    public long NextSequence { get; set; }
}

/// <summary>One live arrival at a join, numbered so the earliest arrivals win an N-of-M firing.</summary>
public sealed record JoinArrival(long Sequence, JsonNode? Output);
