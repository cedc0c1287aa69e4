using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>
/// A tiny SMTP server on 127.0.0.1 (ephemeral port) that records every message it accepts. It speaks EHLO/HELO,
/// AUTH LOGIN/PLAIN (when a login is required), MAIL FROM, RCPT TO, DATA, RSET, NOOP and QUIT; no TLS.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _messages = new();
    private readonly (string User, string Password)? _login;
    private readonly Task _acceptLoop;

    /// <param name="login">When set, the sink offers AUTH and refuses MAIL FROM until this user and password log in.</param>
    public SmtpSink((string User, string Password)? login = null)
    {
        _login = login;
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
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        var session = new Session();
        try
        {
            await writer.WriteLineAsync("220 sink.test ESMTP ready");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
                if (!await HandleAsync(line, session, reader, writer))
                    return;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up or the sink is stopping.
        }
    }

    /// <summary>Answers one command; false once the session is over.</summary>
    private async Task<bool> HandleAsync(string line, Session session, StreamReader reader, StreamWriter writer)
    {
        var verb = line.Split(' ', 2)[0].ToUpperInvariant();
        var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
        switch (verb)
        {
            case "EHLO":
                await writer.WriteLineAsync("250-sink.test");
                if (_login is not null) await writer.WriteLineAsync("250-AUTH LOGIN PLAIN");
                await writer.WriteLineAsync("250 8BITMIME");
                break;
            case "HELO":
                await writer.WriteLineAsync("250 sink.test");
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
                var data = new StringBuilder();
                while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                    data.Append(dataLine.StartsWith("..") ? dataLine[1..] : dataLine).Append("\r\n");
                _messages.Enqueue(new ReceivedMail(session.From ?? "", [.. session.Recipients], data.ToString()));
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

    private sealed class Session
    {
        public bool Authenticated { get; set; }
        public string? From { get; set; }
        public List<string> Recipients { get; } = [];
    }
}
