using System.Net.Http.Headers;

namespace ProcessStudio.Engine.Connections.Http;

/// <summary>A fixed bearer token (a personal access token, a service token) sent in the Authorization header.</summary>
public sealed class BearerTokenCredentialType(HttpCredentialProbe probe) : HttpCredentialType(probe)
{
    public const string TypeName = "http-bearer";

    public override ConnectionTypeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Bearer token",
        Description = "A fixed token sent as 'Authorization: Bearer …'. Used by the HTTP Request node.",
        Icon = "lock",
        Family = Family,
        SummaryFields = [TestUrlField],
        Fields =
        [
            new("token", "Token", ConnectionFieldKind.Text) { Secret = true, Required = true },
            TestUrl,
        ],
    };

    public override Task ApplyAsync(HttpRequestMessage request, ResolvedConnection credential, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Values.Text("token"));
        return Task.CompletedTask;
    }
}
