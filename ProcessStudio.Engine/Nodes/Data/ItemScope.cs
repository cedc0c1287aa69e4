using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// The expression scope for one item of a Data node: every root of the node's scope plus <c>$item</c> (the item) and
/// <c>$index</c> (its 0-based position), as inside a For Each body. Per-item settings are evaluated in it.
/// </summary>
public static class ItemScope
{
    public static ExpressionScope For(NodeContext context, JsonNode? item, int index)
    {
        var scope = new ExpressionScope();
        foreach (var (name, value) in context.Scope.Roots) scope.Set(name, value);
        return scope.Set("$item", item).Set("$index", index);
    }

    /// <summary>A setting of the node rendered for one item (templates see <c>$item</c> and <c>$index</c>).</summary>
    public static JsonNode? Evaluate(NodeContext context, string setting, ExpressionScope itemScope, CancellationToken cancellationToken) =>
        context.Expressions.EvaluateDeep(context.Setting(setting), itemScope, cancellationToken);
}
