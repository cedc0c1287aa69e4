namespace ProcessStudio.Data.Migrations;

/// <summary>Brings the database to the current schema. Call once at start-up, before anything reads or writes.</summary>
public interface IDatabaseInitializer
{
    Task MigrateAsync(CancellationToken cancellationToken);
}
