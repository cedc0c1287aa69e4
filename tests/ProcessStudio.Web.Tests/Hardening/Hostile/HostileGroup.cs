using System.Net;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>
/// What every hostile case asserts: a 4xx problem (naming the field where the case says which), no "Unhandled error"
/// in the app's log, and the app still ready afterwards.
/// </summary>
[Collection(HostileCollection.Name)]
public abstract class HostileGroup(HostileApp app)
{
    protected HostileApp App { get; } = app;

    protected async Task ShouldBeRefusedAsync(HostileCase hostile)
    {
        var unhandledBefore = App.Log.Unhandled.Count;
        var response = await App.SendAsync(hostile.Build(App));

        response.Status.Should().BeOneOf(hostile.Expected, "case '{0}' answered {1}", hostile.Name, response.Body);
        response.ContentType?.MediaType.Should().Be("application/problem+json");
        if (hostile.Field is { } field)
            response.ErrorFields.Should().Contain(key => key.Contains(field, StringComparison.OrdinalIgnoreCase),
                "the problem names the field '{0}': {1}", field, response.Body);
        App.Log.Unhandled.Skip(unhandledBefore).Should().BeEmpty();
        await App.ShouldStillBeReadyAsync();
    }
}
