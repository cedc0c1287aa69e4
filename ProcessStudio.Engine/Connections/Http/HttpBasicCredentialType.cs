using System.Net.Http.Headers;
using System.Text;

namespace ProcessStudio.Engine.Connections.Http;

/// <summary>HTTP Basic authentication: a user name and password sent in the Authorization header.</summary>
public sealed class HttpBasicCredentialType(HttpCredentialProbe probe) : HttpCredentialType(probe)
{
    public const string TypeName = "http-basic";

    public override ConnectionTypeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "HTTP Basic auth",
        Description = "A user name and password sent as HTTP Basic authentication. Used by the HTTP Request node.",
        Icon = "lock",
        Family = Family,
        SummaryFields = ["username"],
        Fields =
        [
            new("username", "User name", ConnectionFieldKind.Text) { Required = true },
            new("password", "Password", ConnectionFieldKind.Text) { Secret = true, Required = true },
            TestUrl,
        ],
    };

    public override Task ApplyAsync(HttpRequestMessage request, ResolvedConnection credential, CancellationToken cancellationToken)
    {
        var pair = $"{credential.Values.Text("username")}:{credential.Values.Text("password")}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        return Task.CompletedTask;
    }
}
