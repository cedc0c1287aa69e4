using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>A node's pinned output and the port it leaves by, used in place of running the node in a test run.</summary>
public sealed record PinnedOutput(JsonNode? Output, string Port)
{
    /// <summary>
    /// The node's pin, or null when it has none. The output leaves by "out" where the node has it, else by "done"
    /// (loops: the pin is the loop's result), else by its first port other than "error".
    /// </summary>
    public static PinnedOutput? Of(NodeDefinition node, IReadOnlyList<string> outputPorts)
    {
        if (node.PinnedOutput is null || node.Disabled) return null;
        var port = new[] { "out", "done" }.FirstOrDefault(outputPorts.Contains)
            ?? outputPorts.FirstOrDefault(p => p != PortDescriptor.Error.Name)
            ?? "out";
        return new PinnedOutput(node.PinnedOutput, port);
    }
}
