using ProcessStudio.Engine.Nodes.Actions;

namespace ProcessStudio.Engine.Connections.Http;

/// <summary>
/// Tries an HTTP credential: GET its test URL with the credential applied, through the same client (and address
/// policy) as the HTTP Request node. The transcript shows the request line and status, never the secret.
/// </summary>
public sealed class HttpCredentialProbe(IHttpClientFactory clients)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <param name="transcript">Lines of what happened before (an OAuth2 token request), continued here.</param>
    /// <param name="apply">Adds the credential to the test request.</param>
    public async Task<ConnectionTestResult> CallTestUrlAsync(ConnectionValues values, Func<HttpRequestMessage, CancellationToken, Task> apply,
        IReadOnlyList<string> transcript, CancellationToken cancellationToken)
    {
        var lines = transcript.ToList();
        if (values.Text(HttpCredentialType.TestUrlField) is not { } url)
            return new ConnectionTestResult(lines.Count > 0, lines.Count > 0
                ? "The credential works; set a test URL to try it against an API too."
                : "Nothing to test against: set a test URL to try this credential.", lines);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        lines.Add($"> GET {url}");
        try
        {
            await apply(request, timeout.Token);
            using var response = await clients.CreateClient(HttpRequestNode.ClientName).SendAsync(request, timeout.Token);
            lines.Add($"< {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode
                ? new ConnectionTestResult(true, $"GET {url} answered {(int)response.StatusCode} with this credential.", lines)
                : new ConnectionTestResult(false, $"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.", lines);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ConnectionTestResult(false, $"No answer from {url} within {Timeout.TotalSeconds:0} s.", lines);
        }
        catch (Exception ex) when (ex is HttpRequestException or Nodes.NodeFailedException)
        {
            return new ConnectionTestResult(false, ex.InnerException?.Message ?? ex.Message, lines);
        }
    }
}
