namespace ProcessStudio.Engine.Connections.Http;

/// <summary>An API key sent in a named header or query parameter.</summary>
public sealed class ApiKeyCredentialType(HttpCredentialProbe probe) : HttpCredentialType(probe)
{
    public const string TypeName = "http-api-key";
    public const string Header = "header";
    public const string Query = "query";

    public override ConnectionTypeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "API key",
        Description = "A key sent in a header (e.g. X-Api-Key) or a query parameter (e.g. ?api_key=). Used by the HTTP Request node.",
        Icon = "lock",
        Family = Family,
        SummaryFields = ["placement", "name"],
        Fields =
        [
            new("placement", "Send in", ConnectionFieldKind.Select) { Options = [Header, Query], Default = Header },
            new("name", "Header or parameter name", ConnectionFieldKind.Text) { Required = true, Placeholder = "X-Api-Key" },
            new("value", "Key", ConnectionFieldKind.Text) { Secret = true, Required = true },
            TestUrl,
        ],
    };

    public override IEnumerable<(string Field, string Message)> Validate(ConnectionValues values)
    {
        foreach (var problem in base.Validate(values))
            yield return problem;
        if (values.Text("placement") == Header && values.Text("name") is { } name && !IsToken(name))
            yield return ("name", $"'{name}' is not a valid header name.");
    }

    public override Task ApplyAsync(HttpRequestMessage request, ResolvedConnection credential, CancellationToken cancellationToken)
    {
        var name = credential.Values.Text("name")!;
        var value = credential.Values.Text("value") ?? "";
        if (credential.Values.Text("placement") == Query)
        {
            // The key joins the query only on the request sent: messages and outputs keep the URL without it.
            var uri = new UriBuilder(request.RequestUri!);
            var pair = $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
            uri.Query = uri.Query.Length > 1 ? $"{uri.Query.TrimStart('?')}&{pair}" : pair;
            request.RequestUri = uri.Uri;
        }
        else
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return Task.CompletedTask;
    }

    /// <summary>RFC 9110 token characters, the only ones a header name may have.</summary>
    private static bool IsToken(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));
}
