using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Connections.Smtp;

/// <summary>Sends one message over System.Net.Mail and turns its failures into node failures, transient where a retry may help.</summary>
internal static class SmtpMailer
{
    public static async Task SendAsync(SmtpSettings settings, MailMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (settings.Security == SmtpSecurity.Ssl)
            throw new NodeFailedException(
                $"Security 'ssl' (implicit TLS) is not supported for sending by System.Net.Mail; use 'startTls' (usually port 587) on this connection.",
                "UnsupportedSecurity");

        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = settings.Security == SmtpSecurity.StartTls,
            UseDefaultCredentials = false,
        };
        if (settings.Username is { } username)
            client.Credentials = new NetworkCredential(username, settings.Password);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await client.SendMailAsync(message, timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server {settings.Host}:{settings.Port} did not finish within {timeout.TotalSeconds:0.#} s.");
        }
        catch (SmtpException ex)
        {
            throw Classify(ex, settings);
        }
    }

    private static NodeFailedException Classify(SmtpException error, SmtpSettings settings)
    {
        var server = $"{settings.Host}:{settings.Port}";
        if (error is SmtpFailedRecipientsException { InnerExceptions: { Length: > 0 } failed })
        {
            var recipients = string.Join(", ", failed.Select(f => $"{f.FailedRecipient} ({(int)f.StatusCode})"));
            var text = $"The SMTP server {server} refused recipients: {recipients}.";
            return failed.All(f => IsTransient(f.StatusCode))
                ? new TransientFailureException(text, "SmtpRecipientsDeferred", inner: error)
                : new NodeFailedException(text, "SmtpRecipientsRefused", inner: error);
        }
        if (IsConnectionFailure(error))
            return new TransientFailureException($"Could not talk to the SMTP server {server}: {Innermost(error).Message}", "SmtpConnection", inner: error);
        if (IsTransient(error.StatusCode))
            return new TransientFailureException($"The SMTP server {server} is busy: {error.Message}", "SmtpDeferred", inner: error);
        return new NodeFailedException($"The SMTP server {server} refused the message: {error.Message}", "SmtpRejected", inner: error);
    }

    /// <summary>4xx replies: the server may accept the same message later.</summary>
    private static bool IsTransient(SmtpStatusCode code) => code is SmtpStatusCode.ServiceNotAvailable or SmtpStatusCode.MailboxBusy
        or SmtpStatusCode.LocalErrorInProcessing or SmtpStatusCode.InsufficientStorage;

    private static bool IsConnectionFailure(SmtpException error)
    {
        for (Exception? inner = error.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is SocketException or IOException)
                return true;
        return false;
    }

    private static Exception Innermost(Exception error) => error.InnerException is { } inner ? Innermost(inner) : error;
}
