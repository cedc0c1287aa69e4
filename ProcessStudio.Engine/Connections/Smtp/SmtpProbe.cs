using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace ProcessStudio.Engine.Connections.Smtp;

/// <summary>
/// Tries an SMTP connection the way sending would use it: connect, TLS (implicit or STARTTLS), EHLO and, with a
/// username, AUTH; then QUIT. Nothing is sent. The transcript shows the server's replies, never the password.
/// </summary>
internal sealed class SmtpProbe : IAsyncDisposable
{
    private readonly List<string> _transcript = [];
    private readonly TcpClient _client = new();
    private Stream _stream = Stream.Null;
    private StreamReader _reader = StreamReader.Null;

    public static async Task<ConnectionTestResult> RunAsync(SmtpSettings settings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        await using var probe = new SmtpProbe();
        try
        {
            var message = await probe.ConverseAsync(settings, timeoutSource.Token);
            return new ConnectionTestResult(true, message, probe._transcript);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ConnectionTestResult(false, $"No answer from {settings.Host}:{settings.Port} within {timeout.TotalSeconds:0} s.", probe._transcript);
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException or SmtpProbeException)
        {
            return new ConnectionTestResult(false, ex.Message, probe._transcript);
        }
    }

    private async Task<string> ConverseAsync(SmtpSettings settings, CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(settings.Host, settings.Port, cancellationToken);
        _transcript.Add($"Connected to {settings.Host}:{settings.Port}");
        _stream = _client.GetStream();
        if (settings.Security == SmtpSecurity.Ssl)
            await UpgradeToTlsAsync(settings.Host, cancellationToken);
        UseStream(_stream);

        await ExpectAsync(220, "greeting", cancellationToken);
        var extensions = await EhloAsync(cancellationToken);
        if (settings.Security == SmtpSecurity.StartTls)
        {
            if (!extensions.Contains("STARTTLS"))
                throw new SmtpProbeException($"{settings.Host} does not offer STARTTLS; choose security 'none' or 'ssl'.");
            await CommandAsync("STARTTLS", 220, cancellationToken);
            await UpgradeToTlsAsync(settings.Host, cancellationToken);
            UseStream(_stream);
            extensions = await EhloAsync(cancellationToken);
        }
        if (settings.Username is { } username)
            await AuthenticateAsync(extensions, username, settings.Password ?? "", cancellationToken);
        await CommandAsync("QUIT", 221, cancellationToken);
        return settings.Username is null
            ? $"{settings.Host} answered EHLO."
            : $"{settings.Host} answered EHLO and accepted the login of {settings.Username}.";
    }

    private async Task UpgradeToTlsAsync(string host, CancellationToken cancellationToken)
    {
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, cancellationToken);
        _transcript.Add($"TLS established ({tls.SslProtocol})");
        _stream = tls;
    }

    private void UseStream(Stream stream) => _reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);

    /// <summary>Sends EHLO and returns the extension keywords the server lists (upper case).</summary>
    private async Task<HashSet<string>> EhloAsync(CancellationToken cancellationToken)
    {
        var lines = await CommandAsync($"EHLO {Environment.MachineName}", 250, cancellationToken);
        return lines.Skip(1).Select(l => l.Length > 4 ? l[4..].Trim().ToUpperInvariant() : "")
            .SelectMany(l => new[] { l, l.Split(' ')[0] }).ToHashSet();
    }

    private async Task AuthenticateAsync(HashSet<string> extensions, string username, string password, CancellationToken cancellationToken)
    {
        static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        if (extensions.Contains("AUTH LOGIN") || extensions.Any(e => e.StartsWith("AUTH ") && e.Split(' ').Contains("LOGIN")))
        {
            await CommandAsync("AUTH LOGIN", 334, cancellationToken);
            await CommandAsync(Base64(username), 334, cancellationToken, shownAs: "(username)");
            await CommandAsync(Base64(password), 235, cancellationToken, shownAs: "(password)");
        }
        else if (extensions.Any(e => e.StartsWith("AUTH ") && e.Split(' ').Contains("PLAIN")))
            await CommandAsync($"AUTH PLAIN {Base64($"\0{username}\0{password}")}", 235, cancellationToken, shownAs: "AUTH PLAIN (credentials)");
        else
            throw new SmtpProbeException("The server offers no login method this client supports (LOGIN or PLAIN); clear the username if it needs none.");
    }

    private async Task<IReadOnlyList<string>> CommandAsync(string command, int expected, CancellationToken cancellationToken, string? shownAs = null)
    {
        _transcript.Add("> " + (shownAs ?? command));
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        return await ExpectAsync(expected, shownAs ?? command.Split(' ')[0], cancellationToken);
    }

    /// <summary>Reads one (possibly multi-line) reply and checks its code.</summary>
    private async Task<IReadOnlyList<string>> ExpectAsync(int expected, string step, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new SmtpProbeException($"The server closed the connection during {step}.");
            _transcript.Add("< " + line);
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-') break;
        }
        if (!int.TryParse(lines[^1].AsSpan(0, Math.Min(3, lines[^1].Length)), out var code) || code != expected)
            throw new SmtpProbeException($"The server refused {step}: {lines[^1]}");
        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    private sealed class SmtpProbeException(string message) : Exception(message);
}
