using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;

namespace ProcessStudio.E2E.Harness;

/// <summary>The harness itself: the real app starts on its own port, and the stub server fails as told.</summary>
public sealed class HarnessTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task The_browser_reaches_the_app_on_its_own_port()
    {
        await WithPageAsync(async page =>
        {
            var response = await page.APIRequest.GetAsync("/");
            response.Status.Should().BeLessThan(500);
            new Uri(response.Url).Port.Should().Be(App.BaseAddress.Port);
        });
    }

    [Fact]
    public async Task The_stub_server_fails_the_given_number_of_times_then_succeeds()
    {
        await using var server = new StubHttpServer();
        var url = server.Map("flaky", failTimes: 2, failStatus: 503);
        using var http = new HttpClient();

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
            statuses.Add((int)(await http.GetAsync(url)).StatusCode);

        statuses.Should().Equal(503, 503, 200);
        server.Hits("flaky").Should().Be(3);
    }
}
