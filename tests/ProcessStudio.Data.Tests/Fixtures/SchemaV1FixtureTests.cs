using Microsoft.Data.Sqlite;
using ProcessStudio.Data.Tests.Support;

namespace ProcessStudio.Data.Tests.Fixtures;

/// <summary>Keeps the committed fixture and its generator in step (and regenerates it on request).</summary>
public sealed class SchemaV1FixtureTests
{
    [Fact]
    public async Task The_committed_fixture_holds_exactly_what_the_generator_writes()
    {
        var folder = TestDatabase.NewFolder();
        try
        {
            var generated = Path.Combine(folder, SchemaV1Fixture.FileName);
            await SchemaV1Fixture.BuildAsync(generated, CancellationToken.None);
            var regenerate = Environment.GetEnvironmentVariable("PROCESSSTUDIO_REGENERATE_FIXTURES") == "1";
            if (regenerate)
                File.Copy(generated, SchemaV1Fixture.SourcePath(), overwrite: true);

            var expected = await DumpAsync(generated);
            var committed = await DumpAsync(regenerate ? SchemaV1Fixture.SourcePath() : SchemaV1Fixture.OutputPath);

            committed.Should().Equal(expected);
            committed.Should().Contain(line => line.StartsWith("__Migrations|1|initial_schema|"));
            committed.Should().NotContain(line => line.StartsWith("__Migrations|2|"), "the fixture is a schema v1 database");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every row of every table as text, except migration timestamps, which differ per build.</summary>
    private static async Task<List<string>> DumpAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }

        var lines = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = table == "__Migrations" ? "SELECT Version, Name FROM __Migrations ORDER BY Version" : $"SELECT * FROM {table} ORDER BY rowid";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                lines.Add(table + "|" + string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString())) + (table == "__Migrations" ? "|" : ""));
        }
        return lines;
    }
}
