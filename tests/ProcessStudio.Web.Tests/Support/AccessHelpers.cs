using System.Net;
using System.Text.RegularExpressions;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>Callers other than the default admin key: keys with a role, anonymous clients and signed-in browsers.</summary>
public static partial class AccessHelpers
{
    /// <summary>Creates an API key (as the admin) and returns a client that calls with it.</summary>
    public static async Task<(ApiClient Client, Guid KeyId)> ClientWithKeyAsync(this AppFactory factory, ApiClient admin, string role, string? name = null)
    {
        var created = (await admin.PostAsync("/api/v1/api-keys", new { name = name ?? $"{role.ToLowerInvariant()}-key", role }))
            .ShouldHave(HttpStatusCode.Created);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Remove(TestCredentials.ApiKeyHeader);
        client.DefaultRequestHeaders.Add(TestCredentials.ApiKeyHeader, created.Data["key"]!.GetValue<string>());
        return (new ApiClient(client), created.Data["apiKey"]!["id"]!.GetValue<Guid>());
    }

    /// <summary>A client without credentials that does not follow redirects, so a redirect to the login page is visible.</summary>
    public static HttpClient AnonymousClient(this AppFactory factory)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Remove(TestCredentials.ApiKeyHeader);
        return client;
    }

    /// <summary>Posts a server-rendered form (login, setup, logout) the way a browser does: with the antiforgery token of the page.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string formName, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
            throw new InvalidOperationException($"{path} has no antiforgery token:\n{page}");
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = formName,
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password) =>
        client.PostFormAsync("/login", "login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
