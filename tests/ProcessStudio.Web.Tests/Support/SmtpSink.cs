using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>How the sink does TLS: not at all, after STARTTLS (required before AUTH and MAIL), or from the first byte (port 465 style).</summary>
public enum SmtpSinkTls { None, StartTls, Implicit }

/// <summary>
/// A tiny SMTP server on 127.0.0.1 (ephemeral port) that records every message it accepts. It speaks EHLO/HELO,
/// STARTTLS, AUTH LOGIN/PLAIN (when a login is required), MAIL FROM, RCPT TO, DATA, RSET, NOOP and QUIT. TLS uses
/// <see cref="TestCertificate.Server"/>.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _messages = new();
    private readonly (string User, string Password)? _login;
    private readonly SmtpSinkTls _tls;
    private readonly Task _acceptLoop;

    /// <param name="login">When set, the sink offers AUTH and refuses MAIL FROM until this user and password log in.</param>
    /// <param name="tls">Whether and how the sink encrypts the session.</param>
    public SmtpSink((string User, string Password)? login = null, SmtpSinkTls tls = SmtpSinkTls.None)
    {
        _login = login;
        _tls = tls;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<ReceivedMail> Messages => [.. _messages];

    /// <summary>Logins the sink saw, right or wrong, as "user:password".</summary>
    public ConcurrentQueue<string> Logins { get; } = new();

    /// <summary>A loopback port nothing listens on (it was free a moment ago), for refused connections.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async Task<ReceivedMail> WaitForMessageAsync(TimeSpan? maxWait = null)
    {
        var deadline = DateTime.UtcNow + (maxWait ?? TimeSpan.FromSeconds(30));
        while (_messages.IsEmpty)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("No message reached the SMTP sink.");
            await Task.Delay(25);
        }
        return Messages[0];
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var session = new Session(client.GetStream());
        try
        {
            if (_tls == SmtpSinkTls.Implicit)
                await session.StartTlsAsync(_stop.Token);
            await session.Writer.WriteLineAsync("220 sink.test ESMTP ready");
            while (await session.Reader.ReadLineAsync(_stop.Token) is { } line)
                if (!await HandleAsync(line, session))
                    return;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The client hung up, refused our certificate, or the sink is stopping.
        }
        finally
        {
            await session.DisposeAsync();
        }
    }

    /// <summary>Answers one command; false once the session is over.</summary>
    private async Task<bool> HandleAsync(string line, Session session)
    {
        var (reader, writer) = (session.Reader, session.Writer);
        var verb = line.Split(' ', 2)[0].ToUpperInvariant();
        var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
        var needsTls = _tls == SmtpSinkTls.StartTls && !session.Encrypted;
        switch (verb)
        {
            case "EHLO":
                await writer.WriteLineAsync("250-sink.test");
                if (needsTls) await writer.WriteLineAsync("250-STARTTLS");
                else if (_login is not null) await writer.WriteLineAsync("250-AUTH LOGIN PLAIN");
                await writer.WriteLineAsync("250 8BITMIME");
                break;
            case "HELO":
                await writer.WriteLineAsync("250 sink.test");
                break;
            case "STARTTLS" when needsTls:
                await writer.WriteLineAsync("220 2.0.0 Ready to start TLS");
                await session.StartTlsAsync(_stop.Token);
                break;
            case "AUTH" or "MAIL" when needsTls:
                await writer.WriteLineAsync("530 5.7.0 Must issue a STARTTLS command first");
                break;
            case "AUTH":
                session.Authenticated = await AuthenticateAsync(argument, reader, writer);
                await writer.WriteLineAsync(session.Authenticated ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication failed");
                break;
            case "MAIL" when _login is not null && !session.Authenticated:
                await writer.WriteLineAsync("530 5.7.0 Authentication required");
                break;
            case "MAIL":
                session.From = Address(argument);
                session.Recipients.Clear();
                await writer.WriteLineAsync("250 2.1.0 OK");
                break;
            case "RCPT":
                session.Recipients.Add(Address(argument));
                await writer.WriteLineAsync("250 2.1.5 OK");
                break;
            case "DATA":
                await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                var lines = new List<string>();
                while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                    lines.Add(dataLine.StartsWith("..") ? dataLine[1..] : dataLine);
                // The line break before the final "." belongs to the terminator, not to the message.
                _messages.Enqueue(new ReceivedMail(session.From ?? "", [.. session.Recipients], string.Join("\r\n", lines), session.Encrypted));
                await writer.WriteLineAsync("250 2.0.0 OK queued");
                break;
            case "RSET":
            case "NOOP":
                await writer.WriteLineAsync("250 OK");
                break;
            case "QUIT":
                await writer.WriteLineAsync("221 2.0.0 Bye");
                return false;
            default:
                await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                break;
        }
        return true;
    }

    private async Task<bool> AuthenticateAsync(string argument, StreamReader reader, StreamWriter writer)
    {
        var parts = argument.Split(' ', 2);
        string user, password;
        if (parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var initial = parts.Length > 1 ? parts[1] : await PromptAsync("", reader, writer);
            var fields = Decode(initial).Split('\0');
            (user, password) = (fields.ElementAtOrDefault(1) ?? "", fields.ElementAtOrDefault(2) ?? "");
        }
        else
        {
            user = Decode(parts.Length > 1 ? parts[1] : await PromptAsync("VXNlcm5hbWU6", reader, writer));
            password = Decode(await PromptAsync("UGFzc3dvcmQ6", reader, writer));
        }
        Logins.Enqueue($"{user}:{password}");
        return _login is { } expected && expected.User == user && expected.Password == password;
    }

    private async Task<string> PromptAsync(string challenge, StreamReader reader, StreamWriter writer)
    {
        await writer.WriteLineAsync($"334 {challenge}");
        return await reader.ReadLineAsync(_stop.Token) ?? "";
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));

    private static string Address(string argument) => argument[(argument.IndexOf('<') + 1)..argument.IndexOf('>')];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }

    /// <summary>One client's state; TLS swaps the stream its reader and writer use.</summary>
    private sealed class Session(Stream stream) : IAsyncDisposable
    {
        private Stream _stream = stream;

        public StreamReader Reader { get; private set; } = new(stream, Encoding.UTF8, false, 1024, leaveOpen: true);
        public StreamWriter Writer { get; private set; } = NewWriter(stream);
        public bool Encrypted { get; private set; }
        public bool Authenticated { get; set; }
        public string? From { get; set; }
        public List<string> Recipients { get; } = [];

        public async Task StartTlsAsync(CancellationToken cancellationToken)
        {
            var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = TestCertificate.Server }, cancellationToken);
            (_stream, Encrypted) = (tls, true);
            Reader = new StreamReader(tls, Encoding.UTF8, false, 1024, leaveOpen: true);
            Writer = NewWriter(tls);
        }

        private static StreamWriter NewWriter(Stream stream) => new(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };

        public async ValueTask DisposeAsync()
        {
            Reader.Dispose();
            await _stream.DisposeAsync();
        }
    }
}
