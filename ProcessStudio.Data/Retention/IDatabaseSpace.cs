namespace ProcessStudio.Data.Retention;

/// <summary>Gives space that deleted rows freed back to the file system, where the database does not do it by itself.</summary>
public interface IDatabaseSpace
{
    /// <summary>Returns how many pages were released (0 where the server reclaims space itself).</summary>
    Task<long> ReclaimFreePagesAsync(CancellationToken cancellationToken);
}
