using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Execution;

/// <summary>How many items an output carries over a link: an array's length, otherwise one value.</summary>
public static class OutputItems
{
    public static int Count(JsonNode? output) => output is JsonArray array ? array.Count : 1;
}
