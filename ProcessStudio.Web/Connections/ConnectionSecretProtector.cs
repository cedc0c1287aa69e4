using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using ProcessStudio.Data.Stores;
using ProcessStudio.Engine.Connections;

namespace ProcessStudio.Web.Connections;

/// <summary>
/// Encrypts connection secrets with Data Protection. Each value is bound to its connection and field, so an
/// encrypted value copied into another row or field does not decrypt.
/// </summary>
public sealed class ConnectionSecretProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "ProcessStudio.Connections.Secrets.v1";

    public string Protect(Guid connectionId, string field, string plaintext) => For(connectionId, field).Protect(plaintext);

    /// <summary>Throws <see cref="ConnectionSecretUnreadableException"/> when the key ring that encrypted the value is gone.</summary>
    public string Unprotect(Guid connectionId, string field, string protectedValue)
    {
        try
        {
            return For(connectionId, field).Unprotect(protectedValue);
        }
        catch (CryptographicException ex)
        {
            throw new ConnectionSecretUnreadableException(field, ex);
        }
    }

    /// <summary>All values of a stored connection, secrets decrypted; for running nodes and tests only.</summary>
    public ConnectionValues Reveal(StoredConnection connection)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (field, value) in connection.Fields)
            values[field] = value;
        foreach (var (field, value) in connection.ProtectedSecrets)
            values[field] = Unprotect(connection.Id, field, value);
        return new ConnectionValues(values);
    }

    private IDataProtector For(Guid connectionId, string field) => provider.CreateProtector(Purpose, connectionId.ToString("D"), field);
}

/// <summary>A stored secret cannot be decrypted, usually because the data folder's keys/ were lost or replaced.</summary>
public sealed class ConnectionSecretUnreadableException(string field, Exception inner)
    : Exception($"The secret '{field}' cannot be decrypted with this server's keys (the data folder's keys/ may have been lost); enter it again.", inner);
