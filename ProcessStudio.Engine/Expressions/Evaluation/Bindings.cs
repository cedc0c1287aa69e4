using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Expressions.Evaluation;

/// <summary>Lambda parameters in scope, innermost first.</summary>
internal sealed record Bindings(string Name, JsonNode? Value, Bindings? Outer)
{
    public bool TryFind(string name, out JsonNode? value)
    {
        for (var frame = this; frame is not null; frame = frame.Outer)
        {
            if (frame.Name != name) continue;
            value = frame.Value;
            return true;
        }
        value = null;
        return false;
    }
}
