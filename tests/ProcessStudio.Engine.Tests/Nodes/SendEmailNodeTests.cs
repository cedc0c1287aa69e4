using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Execution.Resilience;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Tests.Nodes;

/// <summary>Send Email's failures that need no mail server; delivery itself is proven against an SMTP sink in the web tests.</summary>
public sealed class SendEmailNodeTests : NodeFixture
{
    private InMemoryConnectionResolver Connections => (InMemoryConnectionResolver)Services.GetRequiredService<IConnectionResolver>();

    [Fact]
    public async Task An_unknown_connection_fails_naming_the_setting()
    {
        var result = await TestAsync("send-email", new { connection = "Nowhere", to = "a@example.test", subject = "Hi" });

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("Setting 'Connection'").And.Contain("Nowhere");
    }

    [Fact]
    public async Task A_connection_of_another_type_is_refused()
    {
        Connections.Add(new ResolvedConnection(Guid.NewGuid(), "Some API", "http", new ConnectionValues(new Dictionary<string, string?>())));

        var result = await TestAsync("send-email", new { connection = "Some API", to = "a@example.test", subject = "Hi" });

        result.Error.Should().Contain("not an SMTP connection");
    }

    [Fact]
    public async Task A_rendered_address_that_is_not_an_address_fails_naming_the_setting()
    {
        Connections.Add(Smtp("Local", "none"));

        var result = await TestAsync("send-email", new { connection = "Local", to = "ok@example.test", cc = "{{ $json.cc }}", subject = "Hi" },
            input: System.Text.Json.Nodes.JsonNode.Parse("""{"cc":"nobody"}"""));

        result.Error.Should().Contain("Setting 'Cc'").And.Contain("nobody");
    }

    [Fact]
    public void Transient_failures_are_retried_by_the_default_policy_and_other_failures_are_not()
    {
        var transient = new TransientFailureException("busy", "SmtpDeferred");
        var permanent = new NodeFailedException("refused", "SmtpRejected");

        FailureClassifier.Matches(transient, RetryPolicyPlan.Default.RetryOn).Should().BeTrue();
        FailureClassifier.Matches(permanent, RetryPolicyPlan.Default.RetryOn).Should().BeFalse();
        FailureClassifier.Matches(transient, [FailureClassifier.TransientHttp]).Should().BeFalse();
    }

    private static ResolvedConnection Smtp(string name, string security) => new(Guid.NewGuid(), name, "smtp", new ConnectionValues(new Dictionary<string, string?>
    {
        ["host"] = "127.0.0.1", ["port"] = "25", ["security"] = security, ["fromAddress"] = "robot@example.test",
    }));
}
