using System.Reflection;
using System.Text.RegularExpressions;

namespace ProcessStudio.Data.Migrations;

/// <summary>
/// The migrations embedded in this assembly, from Migrations/Scripts/NNNN_name.sql (SQLite) and
/// Migrations/Postgres/NNNN_name.sql (PostgreSQL: the same versions, written for PostgreSQL). Versions must run
/// 1, 2, 3, ... without gaps, so a database's version says exactly which scripts it has.
/// </summary>
public static partial class MigrationCatalog
{
    private const string ResourcePrefix = "ProcessStudio.Data.Migrations.";
    private const string PostgresResourcePrefix = "ProcessStudio.Data.PostgresMigrations.";

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Embedded = new(() => LoadEmbedded(ResourcePrefix));
    private static readonly Lazy<IReadOnlyList<SchemaMigration>> EmbeddedPostgres = new(() => LoadEmbedded(PostgresResourcePrefix));

    /// <summary>The SQLite scripts.</summary>
    public static IReadOnlyList<SchemaMigration> All => Embedded.Value;

    public static int LatestVersion => All[^1].Version;

    /// <summary>The PostgreSQL scripts, one per SQLite script with the same version and name.</summary>
    public static IReadOnlyList<SchemaMigration> Postgres => EmbeddedPostgres.Value;

    private static IReadOnlyList<SchemaMigration> LoadEmbedded(string prefix)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, prefix, name))
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

    private static SchemaMigration Load(Assembly assembly, string prefix, string resourceName)
    {
        var fileName = resourceName[prefix.Length..^".sql".Length];
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
