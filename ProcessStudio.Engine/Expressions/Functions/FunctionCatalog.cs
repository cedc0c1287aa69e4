namespace ProcessStudio.Engine.Expressions.Functions;

/// <summary>The whitelist: the only code an expression can call.</summary>
internal sealed class FunctionCatalog
{
    private readonly Dictionary<string, FunctionDefinition> _byName;

    public FunctionCatalog(IEnumerable<FunctionDefinition> functions)
    {
        _byName = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>Other names people bring from JavaScript (n8n) or .NET (Elsa) for the same functions.</summary>
    private static readonly (string Alias, string Name)[] Aliases =
    [
        ("toUpperCase", "upper"), ("toLowerCase", "lower"), ("includes", "contains"),
        ("toString", "string"), ("toNumber", "number"), ("toJson", "json"), ("toBool", "bool"),
        ("some", "any"), ("every", "all"), ("replaceAll", "replace"),
    ];

    public static FunctionCatalog Default { get; } = new(WithAliases(
        StringFunctions.Definitions
            .Concat(NumberFunctions.Definitions)
            .Concat(DateFunctions.Definitions)
            .Concat(CollectionFunctions.Definitions)
            .Concat(ConversionFunctions.Definitions)
            .ToList()));

    public IEnumerable<FunctionDefinition> All => _byName.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    public bool TryGet(string name, out FunctionDefinition function) => _byName.TryGetValue(name, out function!);

    /// <summary>The closest known name for a misspelt one: same letters in another case, or at most two edits away.</summary>
    public string? Suggest(string name)
    {
        var sameIgnoringCase = _byName.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        if (sameIgnoringCase is not null) return sameIgnoringCase;
        var limit = name.Length <= 4 ? 1 : 2;
        return _byName.Keys
            .Select(k => (Name: k, Distance: EditDistance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    private static IEnumerable<FunctionDefinition> WithAliases(IReadOnlyList<FunctionDefinition> functions)
    {
        foreach (var function in functions) yield return function;
        foreach (var (alias, name) in Aliases)
        {
            var target = functions.Single(f => f.Name == name);
            yield return target with
            {
                Name = alias,
                Signature = alias + target.Signature[target.Name.Length..],
                Description = $"Same as {target.Name}.",
            };
        }
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
