using System.Net;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Security;

/// <summary>
/// Sign-in lookup, the uniqueness check and the lockout all compare user names in one folded form, so a Unicode
/// spelling of a locked name cannot sign in and cannot be registered as a second account.
/// </summary>
public sealed class UnicodeUserNameTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _admin = app.Api;

    private async Task CreateUserAsync(string userName, string password) =>
        (await _admin.PostAsync("/api/v1/users", new { userName, password, role = Roles.Viewer })).ShouldHave(HttpStatusCode.Created);

    private static async Task LockOutAsync(HttpClient browser, string userName)
    {
        for (var i = 1; i <= 5; i++) await browser.SignInAsync(userName, $"wrong-guess-{i}");
    }

    [Theory]
    [InlineData("sisi", "\u017Fisi")]                    // ſ
    [InlineData("kate", "\u212Aate")]                    // Kelvin sign
    [InlineData("fuji", "\uFF46\uFF55\uFF4A\uFF49")]     // full-width
    public async Task A_locked_name_stays_locked_under_another_spelling(string userName, string variant)
    {
        await CreateUserAsync(userName, $"{userName}-password-1");
        using var browser = app.Factory.AnonymousClient();
        await LockOutAsync(browser, userName);

        var withTheRightPassword = await browser.SignInAsync(variant, $"{userName}-password-1");

        withTheRightPassword.StatusCode.Should().Be(HttpStatusCode.OK, "a locked-out name is not signed in under any spelling");
        (await withTheRightPassword.Content.ReadAsStringAsync()).Should().Contain("Too many failed sign-ins");
        (await browser.GetAsync("/api/v1/workflows")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("hans", "HANS")]
    [InlineData("lars", "lar\u017F")]
    [InlineData("kurt", "\u212Aurt")]
    [InlineData("nina", "\uFF4E\uFF49\uFF4E\uFF41")]
    public async Task A_second_account_under_another_spelling_is_refused(string userName, string variant)
    {
        await CreateUserAsync(userName, "first-password-1");

        var second = await _admin.PostAsync("/api/v1/users", new { userName = variant, password = "second-password-1", role = Roles.Admin });

        second.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Contain("userName");
    }

    /// <summary>
    /// Case folding keeps the dotless ı a letter of its own (it folds neither to i nor to I), and it does so in the
    /// lookup, the uniqueness check and the lockout alike: "ısak" is another name, never a way into "isak".
    /// </summary>
    [Fact]
    public async Task The_dotless_i_is_another_name_everywhere_and_never_reaches_the_dotted_account()
    {
        await CreateUserAsync("isak", "isak-password-1");
        using var browser = app.Factory.AnonymousClient();
        await LockOutAsync(browser, "isak");

        var viaDotless = await browser.SignInAsync("\u0131sak", "isak-password-1");
        (await viaDotless.Content.ReadAsStringAsync()).Should().Contain("user name or password is wrong", "no account has that name");
        (await browser.GetAsync("/api/v1/workflows")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await CreateUserAsync("\u0131sak", "dotless-password-1");
        (await browser.SignInAsync("\u0131sak", "isak-password-1")).StatusCode.Should().Be(HttpStatusCode.OK, "its own password, not isak's");
        (await browser.SignInAsync("\u0131sak", "dotless-password-1")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Another_spelling_finds_the_account_and_its_failures_count_towards_one_lockout()
    {
        await CreateUserAsync("olek", "olek-password-1");
        using var browser = app.Factory.AnonymousClient();

        (await browser.SignInAsync("ole\u212A", "olek-password-1")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the Kelvin sign reads as K");
        using var other = app.Factory.AnonymousClient();
        foreach (var spelling in new[] { "olek", "OLEK", "\uFF4F\uFF4C\uFF45\uFF4B", "ole\u212A", "Olek" })
            await other.SignInAsync(spelling, "not-it");

        (await (await other.SignInAsync("olek", "olek-password-1")).Content.ReadAsStringAsync()).Should().Contain("Too many failed sign-ins",
            "five failures under five spellings are five failures of one name");
    }
}
