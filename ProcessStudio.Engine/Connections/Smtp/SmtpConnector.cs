using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace ProcessStudio.Engine.Connections.Smtp;

/// <summary>
/// Opens a MailKit <see cref="SmtpClient"/> the way a connection's settings ask: plain, STARTTLS or implicit TLS
/// (port 465), then logs in when a username is set. Sending and the connection test share it, so a test that passes
/// means sending will connect the same way.
/// </summary>
public sealed class SmtpConnector(IOptions<SmtpTransportOptions> options)
{
    public async Task<SmtpClient> ConnectAsync(SmtpSettings settings, IProtocolLogger? transcript, CancellationToken cancellationToken)
    {
        var client = transcript is null ? new SmtpClient() : new SmtpClient(transcript);
        try
        {
            if (options.Value.ServerCertificateValidation is { } validation)
                client.ServerCertificateValidationCallback = validation;
            await client.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings.Security), cancellationToken);
            if (settings.Username is { } username)
                await client.AuthenticateAsync(username, settings.Password ?? "", cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,   // refuses a server that does not offer STARTTLS
        SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}
