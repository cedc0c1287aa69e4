using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Connections.Smtp;

/// <summary>Sends one message through MailKit and turns its failures into node failures, transient where a retry may help.</summary>
public sealed class SmtpSender(SmtpConnector connector)
{
    public async Task SendAsync(SmtpSettings settings, MimeMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var client = await connector.ConnectAsync(settings, transcript: null, timeoutSource.Token);
            await client.SendAsync(message, timeoutSource.Token);
            await client.DisconnectAsync(quit: true, timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server {settings.Host}:{settings.Port} did not finish within {timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (Classify(ex, $"{settings.Host}:{settings.Port}") is { } failure)
        {
            throw failure;
        }
    }

    private static NodeFailedException? Classify(Exception error, string server) => error switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } refused => Reply(refused,
            $"The SMTP server {server} refused the recipient {refused.Mailbox}", "SmtpRecipientsDeferred", "SmtpRecipientsRefused"),
        SmtpCommandException rejected => Reply(rejected, $"The SMTP server {server} refused the message", "SmtpDeferred", "SmtpRejected"),
        AuthenticationException => new NodeFailedException($"The SMTP server {server} refused the login: {error.Message}", "SmtpLogin", inner: error),
        // A certificate the system does not trust stays untrusted on the next attempt.
        SslHandshakeException => new NodeFailedException($"TLS with the SMTP server {server} failed: {FirstLine(error.Message)}", "SmtpTls", inner: error),
        NotSupportedException => new NodeFailedException($"The SMTP server {server} cannot do what the connection asks: {error.Message}", "SmtpUnsupported", inner: error),
        SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException =>
            new TransientFailureException($"Could not talk to the SMTP server {server}: {FirstLine(error.Message)}", "SmtpConnection", inner: error),
        _ => null,
    };

    /// <summary>4xx replies mean the server may accept the same message later.</summary>
    private static NodeFailedException Reply(SmtpCommandException error, string text, string transientCode, string permanentCode)
    {
        var status = (int)error.StatusCode;
        var message = $"{text}: {status} {error.Message}";
        return status is >= 400 and < 500
            ? new TransientFailureException(message, transientCode, inner: error)
            : new NodeFailedException(message, permanentCode, inner: error);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
