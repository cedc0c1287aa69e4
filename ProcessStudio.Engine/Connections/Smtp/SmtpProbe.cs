using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace ProcessStudio.Engine.Connections.Smtp;

/// <summary>
/// Tries an SMTP connection the way sending uses it (connect, TLS, login), then says goodbye; nothing is sent. The
/// transcript is MailKit's protocol log, with secrets redacted by MailKit ("********"), so never the password.
/// </summary>
public sealed class SmtpProbe(SmtpConnector connector)
{
    public async Task<ConnectionTestResult> RunAsync(SmtpSettings settings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var log = new MemoryStream();
        using (var transcript = new ProtocolLogger(log, leaveOpen: true) { ClientPrefix = "> ", ServerPrefix = "< " })
        {
            try
            {
                using var client = await connector.ConnectAsync(settings, transcript, timeoutSource.Token);
                await client.DisconnectAsync(quit: true, timeoutSource.Token);
                return new ConnectionTestResult(true, settings.Username is null
                    ? $"{settings.Host} answered EHLO."
                    : $"{settings.Host} answered EHLO and accepted the login of {settings.Username}.", Lines(log));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new ConnectionTestResult(false, $"No answer from {settings.Host}:{settings.Port} within {timeout.TotalSeconds:0} s.", Lines(log));
            }
            catch (Exception ex) when (Explain(ex, settings, Lines(log)) is { } reason)
            {
                return new ConnectionTestResult(false, reason, Lines(log));
            }
        }
    }

    private static string? Explain(Exception error, SmtpSettings settings, IReadOnlyList<string> transcript) => error switch
    {
        // The server's own reply line says why ("535 5.7.8 Authentication failed").
        AuthenticationException => $"The server refused the login: {transcript.LastOrDefault(l => l.StartsWith("< 5", StringComparison.Ordinal))?[2..] ?? error.Message}",
        NotSupportedException when settings.Security == SmtpSecurity.StartTls => $"{settings.Host} does not offer STARTTLS; choose security 'none' or 'ssl'.",
        NotSupportedException => error.Message,
        SslHandshakeException => $"TLS with {settings.Host} failed: {error.Message.Split('\n')[0].Trim()}",
        SmtpCommandException or SmtpProtocolException or SocketException or IOException => error.Message,
        _ => null,
    };

    private static IReadOnlyList<string> Lines(MemoryStream log) =>
        Encoding.UTF8.GetString(log.GetBuffer(), 0, (int)log.Length).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
