using System.Reflection;
using System.Text.RegularExpressions;

namespace ProcessStudio.Data.Migrations;

/// <summary>
/// The migrations embedded in this assembly, from Migrations/Scripts/NNNN_name.sql. Versions must run 1, 2, 3, ...
/// without gaps, so a database's version says exactly which scripts it has.
/// </summary>
public static partial class MigrationCatalog
{
    private const string ResourcePrefix = "ProcessStudio.Data.Migrations.";

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Embedded = new(LoadEmbedded);

    public static IReadOnlyList<SchemaMigration> All => Embedded.Value;

    public static int LatestVersion => All[^1].Version;

    private static IReadOnlyList<SchemaMigration> LoadEmbedded()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();

        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException(
                    $"Migration versions must be 1..N without gaps or duplicates; found {migrations[i].Version} ({migrations[i].Name}) at position {i + 1}.");
        }
        if (migrations.Count == 0)
            throw new InvalidOperationException("No embedded schema migrations were found.");
        return migrations;
    }

    private static SchemaMigration Load(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[ResourcePrefix.Length..^".sql".Length];
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
            throw new InvalidOperationException($"Migration '{fileName}.sql' must be named NNNN_description.sql.");

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new SchemaMigration(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)$")]
    private static partial Regex FileNamePattern();
}
