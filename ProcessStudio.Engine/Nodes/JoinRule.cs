namespace ProcessStudio.Engine.Nodes;

/// <summary>What a join does with the links still open once it has fired (N of M).</summary>
public enum JoinRemaining
{
    /// <summary>Blocking: the join fires again only after every other link of the round has delivered; those arrivals are absorbed.</summary>
    Wait,
    /// <summary>Race: the branches still running towards the other links are cancelled.</summary>
    Cancel,
    /// <summary>The other branches keep running; their arrivals for this round are absorbed, and the next round may start at once.</summary>
    Ignore,
}

/// <summary>
/// How a node with several incoming links fires: once it holds an arrival on <see cref="Count"/> of them (null: all),
/// taking one arrival per link and keeping further ones for the next firing. See docs/engine.md, "Joins".
/// </summary>
public sealed record JoinRule(int? Count, JoinRemaining OnRemaining)
{
    public static JoinRule All { get; } = new(null, JoinRemaining.Wait);
    public static JoinRule First { get; } = new(1, JoinRemaining.Wait);

    /// <summary>The rule of a node type that only declares the older <see cref="JoinMode"/>.</summary>
    public static JoinRule? From(JoinMode? mode) => mode switch
    {
        JoinMode.All => All,
        JoinMode.First => First,
        _ => null,
    };

    /// <summary>Arrivals one firing needs, for a join with <paramref name="links"/> incoming links.</summary>
    public int Needed(int links) => Math.Clamp(Count ?? links, 1, Math.Max(1, links));
}
