using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>
/// An OAuth2 authorization server and a protected API in one in-process Kestrel on 127.0.0.1: POST /token issues
/// numbered tokens for the client-credentials grant (client "app", secret "s3cret"); GET /api/orders answers 200 only
/// to a token it issued and has not revoked, else 401;
/// GET /api/never always answers 401; GET /echo returns the Authorization and X-Api-Key headers and the query.
/// </summary>
public sealed class LocalTokenServer : IAsyncDisposable
{
    public const string ClientId = "app";
    public const string ClientSecret = "s3cret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _valid = new();
    private int _issued;
    private int _apiCalls;

    private LocalTokenServer(WebApplication app) => _app = app;

    /// <summary>The expires_in of the next tokens; null leaves it out.</summary>
    public int? ExpiresIn { get; set; } = 3600;
    public int TokensIssued => _issued;
    public int ApiCalls => _apiCalls;
    public string TokenUrl => Url("/token");
    public string ApiUrl => Url("/api/orders");
    public string BaseUrl { get; private set; } = "";
    /// <summary>Form fields of the last token request, to check scope and audience.</summary>
    public IReadOnlyDictionary<string, string> LastTokenRequest { get; private set; } = new Dictionary<string, string>();

    public string Url(string path) => BaseUrl + path;

    /// <summary>The API stops accepting every token issued so far, as after a key rotation.</summary>
    public void RevokeAll() => _valid.Clear();

    public static async Task<LocalTokenServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LocalTokenServer(app);
        app.MapPost("/token", server.IssueAsync);
        app.MapGet("/api/orders", server.Orders);
        app.MapGet("/api/never", () => Results.Json(new { error = "invalid_token" }, statusCode: 401));
        app.MapGet("/echo", (HttpRequest request) => Results.Json(new
        {
            authorization = request.Headers.Authorization.ToString(),
            apiKey = request.Headers["X-Api-Key"].ToString(),
            query = request.QueryString.Value,
        }));
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    /// <remarks>Takes the request, not the context: a (HttpContext → Task) delegate would be a RequestDelegate and its result ignored.</remarks>
    private async Task<IResult> IssueAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        LastTokenRequest = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        var (id, secret) = ClientOf(request, form);
        if (form["grant_type"] != "client_credentials")
            return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        if (id != ClientId || secret != ClientSecret)
            return Results.Json(new { error = "invalid_client", error_description = "unknown client or wrong secret" }, statusCode: 401);

        var token = $"token-{Interlocked.Increment(ref _issued)}";
        _valid[token] = true;
        return ExpiresIn is { } seconds
            ? Results.Json(new { access_token = token, token_type = "Bearer", expires_in = seconds })
            : Results.Json(new { access_token = token, token_type = "Bearer" });
    }

    private IResult Orders(HttpRequest request)
    {
        Interlocked.Increment(ref _apiCalls);
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ") && _valid.ContainsKey(header[7..])
            ? Results.Json(new { orders = new object[] { new { id = 1, total = 20.5 }, new { id = 2, total = 7 } }, token = header[7..] })
            : Results.Json(new { error = "invalid_token" }, statusCode: 401);
    }

    private static (string? Id, string? Secret) ClientOf(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ")) return (form["client_id"], form["client_secret"]);
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
        return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
