using System.Net;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Security;

/// <summary>An app started without ProcessStudio:Security:InitialAdmin: nobody can get in until /setup creates the admin.</summary>
public sealed class FirstRunTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private AppFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new AppFactory(_folder.Path, new Dictionary<string, string?>
        {
            ["ProcessStudio:Security:InitialAdmin:UserName"] = null,
            ["ProcessStudio:Security:InitialAdmin:Password"] = null,
            ["ProcessStudio:Security:InitialAdmin:ApiKey"] = null,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Every_page_leads_to_setup_which_creates_the_admin_once_and_signs_them_in()
    {
        using var browser = _factory.AnonymousClient();
        foreach (var page in new[] { "/workflows", "/login", "/settings" })
            (await browser.GetAsync(page)).Headers.Location!.ToString().Should().Be("/setup", "{0} must wait for setup", page);
        (await browser.GetAsync("/api/v1/workflows")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "there is no default account");

        var created = await browser.PostFormAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.UserName"] = "owner", ["Input.Password"] = "owner-password", ["Input.ConfirmPassword"] = "owner-password",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetAsync("/api/v1/users")).StatusCode.Should().Be(HttpStatusCode.OK, "the new admin is signed in");

        using var latecomer = _factory.AnonymousClient();
        var again = await latecomer.GetAsync("/setup");
        again.StatusCode.Should().Be(HttpStatusCode.Redirect);
        again.Headers.Location!.ToString().Should().EndWith("/login", "setup runs only once");
    }

    [Fact]
    public async Task Setup_refuses_mismatched_passwords_and_creates_nobody()
    {
        using var browser = _factory.AnonymousClient();
        var response = await browser.PostFormAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.UserName"] = "owner", ["Input.Password"] = "owner-password", ["Input.ConfirmPassword"] = "other-password",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("The passwords do not match.");
        (await browser.GetAsync("/workflows")).Headers.Location!.ToString().Should().Be("/setup");
    }
}
