namespace ProcessStudio.Data.Migrations;

/// <summary>One ordered schema change: version N takes the database from version N-1 to N.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql);
