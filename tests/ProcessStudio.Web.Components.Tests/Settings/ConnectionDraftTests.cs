using ProcessStudio.Engine.Connections.Database;
using ProcessStudio.Web.Ui.Pages.Settings.Connections;

namespace ProcessStudio.Web.Components.Tests.Settings;

/// <summary>The connection form shows the fields that apply to the kind chosen so far.</summary>
public sealed class ConnectionDraftTests
{
    [Fact]
    public void A_database_asks_for_a_file_for_SQLite_and_a_connection_string_for_PostgreSQL()
    {
        var draft = ConnectionDraft.New(new DatabaseCredentialType(new DatabaseConnector()).Descriptor);

        var forSqlite = draft.VisibleFields.Select(f => f.Name).ToList();
        draft.Values["provider"] = "postgresql";
        var forPostgres = draft.VisibleFields.Select(f => f.Name).ToList();

        forSqlite.Should().Equal("provider", "path");
        forPostgres.Should().Equal("provider", "connectionString");
    }
}
