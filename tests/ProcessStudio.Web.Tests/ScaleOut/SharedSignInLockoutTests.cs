using System.Net;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>Failed sign-ins count in the shared database: spreading guesses over instances gains nothing.</summary>
[Collection(SeveralInstancesCollection.Name)]
public sealed class SharedSignInLockoutTests
{
    [PostgresFact]
    public async Task Failures_on_two_instances_add_up_to_one_lockout_that_both_enforce()
    {
        await using var cluster = await TwoInstances.StartAsync();
        await CreateViewerAsync(cluster, "vera");
        using var atA = cluster.A.AnonymousClient();
        using var atB = cluster.B.AnonymousClient();

        for (var i = 1; i <= 3; i++)
            (await (await atA.SignInAsync("vera", $"guess-a{i}")).Content.ReadAsStringAsync()).Should().Contain("user name or password is wrong");
        (await (await atB.SignInAsync("vera", "guess-b1")).Content.ReadAsStringAsync()).Should().Contain("user name or password is wrong");
        var fifth = await (await atB.SignInAsync("vera", "guess-b2")).Content.ReadAsStringAsync();
        var rightPasswordAtA = await atA.SignInAsync("vera", "vera-password-1");

        fifth.Should().Contain("Too many failed sign-ins", "three failures on A and two on B are five for the one user");
        rightPasswordAtA.StatusCode.Should().Be(HttpStatusCode.OK, "the lockout made on B holds on A");
        (await rightPasswordAtA.Content.ReadAsStringAsync()).Should().Contain("Too many failed sign-ins");
    }

    [PostgresFact]
    public async Task Failures_made_at_the_same_moment_on_both_instances_all_count()
    {
        await using var cluster = await TwoInstances.StartAsync();
        await CreateViewerAsync(cluster, "walt");
        // One client (one cookie jar) per concurrent sign-in, as four browsers would be: two sign-ins through one jar race
        // for its antiforgery cookie, and the loser is refused before its password is checked.
        using var atA1 = cluster.A.AnonymousClient();
        using var atA2 = cluster.A.AnonymousClient();
        using var atB1 = cluster.B.AnonymousClient();
        using var atB2 = cluster.B.AnonymousClient();

        var failures = await Task.WhenAll(atA1.SignInAsync("walt", "guess-a1"), atB1.SignInAsync("walt", "guess-b1"),
            atA2.SignInAsync("walt", "guess-a2"), atB2.SignInAsync("walt", "guess-b2"));
        foreach (var failure in failures)
            (await failure.Content.ReadAsStringAsync()).Should().Contain("user name or password is wrong");
        var fifth = await (await atA1.SignInAsync("walt", "guess-a3")).Content.ReadAsStringAsync();

        fifth.Should().Contain("Too many failed sign-ins", "no concurrent failure was lost");
    }

    private static async Task CreateViewerAsync(TwoInstances cluster, string name) =>
        (await cluster.ApiA.PostAsync("/api/v1/users", new { userName = name, password = $"{name}-password-1", role = Roles.Viewer }))
            .ShouldHave(HttpStatusCode.Created);
}
