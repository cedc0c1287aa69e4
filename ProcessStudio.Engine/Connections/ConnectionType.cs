namespace ProcessStudio.Engine.Connections;

/// <summary>A kind of connection (SMTP, ...): the fields it declares, extra checks of their values, and a live test.</summary>
public abstract class ConnectionType
{
    public abstract ConnectionTypeDescriptor Descriptor { get; }

    /// <summary>Checks beyond required fields, kinds and options; each problem names its field.</summary>
    public virtual IEnumerable<(string Field, string Message)> Validate(ConnectionValues values) => [];

    /// <summary>Connects to the server with these values and reports what happened; never throws for a refused connection.</summary>
    public abstract Task<ConnectionTestResult> TestAsync(ConnectionValues values, CancellationToken cancellationToken);
}
