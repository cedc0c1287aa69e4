using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions.Functions;
using ProcessStudio.Engine.Expressions.Syntax;

namespace ProcessStudio.Engine.Expressions;

/// <summary>
/// Designer hints: the paths that exist in a scope, breadth first (roots, then their members, ...) so the most
/// useful entries survive the limit, followed by the function names.
/// </summary>
internal static class ScopeCompletions
{
    public const int MaxPaths = 200;
    public const int MaxDepth = 3;

    public static IReadOnlyList<string> List(ExpressionScope scope, FunctionCatalog functions)
    {
        var paths = new List<string>();
        var pending = new Queue<(string Path, JsonNode? Value, int Depth)>(
            scope.Roots.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value, 0)));
        while (pending.Count > 0 && paths.Count < MaxPaths)
        {
            var (path, value, depth) = pending.Dequeue();
            paths.Add(path);
            if (depth >= MaxDepth) continue;
            switch (value)
            {
                case JsonObject obj:
                    // Nodes are offered as $node["Name"] (names are display names, often with spaces), members as .name.
                    foreach (var (key, member) in obj)
                        pending.Enqueue((path + (path == "$node" ? Quoted(key) : MemberAccess(key)), member, depth + 1));
                    break;
                case JsonArray { Count: > 0 } array:
                    pending.Enqueue((path + "[0]", array[0], depth + 1));
                    break;
            }
        }
        paths.AddRange(functions.All.Select(f => f.Name + "()"));
        return paths;
    }

    private static string MemberAccess(string key) =>
        key.Length > 0 && Lexer.IsNameStart(key[0]) && key.All(Lexer.IsNamePart) ? "." + key : Quoted(key);

    private static string Quoted(string key) => "[" + ExpressionValues.ToJson(JsonValue.Create(key)) + "]";
}
