namespace ProcessStudio.Engine.Connections.Http;

/// <summary>
/// A credential the HTTP Request node can send (Basic, Bearer, API key, OAuth2). All share the family
/// <see cref="Family"/>, so one node setting offers every kind; each adds itself to an outgoing request.
/// </summary>
public abstract class HttpCredentialType(HttpCredentialProbe probe) : ConnectionType
{
    public const string Family = "http-auth";
    public const string TestUrlField = "testUrl";

    /// <summary>The optional address the connection test calls with the credential.</summary>
    protected static ConnectionFieldDescriptor TestUrl { get; } = new(TestUrlField, "Test URL", ConnectionFieldKind.Text)
    {
        Placeholder = "https://api.example.com/me",
        Description = "Optional. Test sends GET here with this credential and expects a 2xx answer.",
    };

    /// <summary>Adds the credential to <paramref name="request"/> (a header, a query parameter, a fetched token).</summary>
    public abstract Task ApplyAsync(HttpRequestMessage request, ResolvedConnection credential, CancellationToken cancellationToken);

    /// <summary>
    /// Called when <paramref name="sent"/> was answered 401: drops whatever was cached for it and says whether sending
    /// once more may succeed (a refreshed OAuth2 token). Fixed secrets would only fail again.
    /// </summary>
    public virtual bool ForgetAfterUnauthorized(ResolvedConnection credential, HttpRequestMessage sent) => false;

    public override IEnumerable<(string Field, string Message)> Validate(ConnectionValues values)
    {
        if (values.Text(TestUrlField) is { } url && !HttpCredentialProbe.IsHttpUrl(url))
            yield return (TestUrlField, $"'{url}' is not an absolute http(s) URL.");
    }

    public override Task<ConnectionTestResult> TestAsync(ConnectionValues values, CancellationToken cancellationToken) =>
        probe.CallTestUrlAsync(values, (request, token) => ApplyAsync(request, new ResolvedConnection(Guid.Empty, "(test)", Descriptor.Type, values), token),
            [], cancellationToken);
}
