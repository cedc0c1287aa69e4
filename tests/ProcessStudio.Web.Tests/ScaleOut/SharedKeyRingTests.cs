using System.Net;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>Two app processes on one PostgreSQL database share the Data Protection key ring through it.</summary>
[Collection(SeveralInstancesCollection.Name)]
public sealed class SharedKeyRingTests
{
    [PostgresFact]
    public async Task A_sign_in_cookie_issued_by_one_instance_is_accepted_by_another()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        using var folders = new TempFolder();
        await using var first = await AppProcess.StartAsync(Path.Combine(folders.Path, "a"), database.AppSettings());
        await using var second = await AppProcess.StartAsync(Path.Combine(folders.Path, "b"), database.AppSettings());
        var cookies = new CookieContainer();   // cookies belong to the host, not the port: both instances see them
        using var atFirst = Browser(first, cookies);
        using var atSecond = Browser(second, cookies);

        (await atSecond.GetAsync("/api/v1/workflows")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "nobody signed in yet");
        var signIn = await atFirst.SignInAsync(TestCredentials.AdminUserName, TestCredentials.AdminPassword);
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the sign-in succeeded on the first instance");

        (await atSecond.GetAsync("/api/v1/workflows")).StatusCode.Should().Be(HttpStatusCode.OK, "the second instance reads the first one's cookie");
    }

    private static HttpClient Browser(AppProcess app, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
}
