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
        using var atA = cluster.A.AnonymousClient();
        using var atB = cluster.B.AnonymousClient();

        await Task.WhenAll(atA.SignInAsync("walt", "guess-a1"), atB.SignInAsync("walt", "guess-b1"),
            atA.SignInAsync("walt", "guess-a2"), atB.SignInAsync("walt", "guess-b2"));
        var fifth = await (await atA.SignInAsync("walt", "guess-a3")).Content.ReadAsStringAsync();

        fifth.Should().Contain("Too many failed sign-ins", "no concurrent failure was lost");
    }

    private static async Task CreateViewerAsync(TwoInstances cluster, string name) =>
        (await cluster.ApiA.PostAsync("/api/v1/users", new { userName = name, password = $"{name}-password-1", role = Roles.Viewer }))
            .ShouldHave(HttpStatusCode.Created);
}
