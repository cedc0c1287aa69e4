using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using MimeKit;
using ProcessStudio.Engine.Connections.Smtp;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Connections;

/// <summary>Send Email and the connection test over STARTTLS (587 style) and implicit TLS (465 style), against a local sink.</summary>
public sealed class SmtpTlsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    [Theory]
    [InlineData(SmtpSinkTls.StartTls, "startTls")]   // the sink refuses AUTH and MAIL before STARTTLS
    [InlineData(SmtpSinkTls.Implicit, "ssl")]
    public async Task A_run_logs_in_and_sends_over_tls(SmtpSinkTls tls, string security)
    {
        await using var sink = new SmtpSink(("mailer", "tls-only-secret"), tls);
        var connectionId = await _api.CreateConnectionAsync(EmailWorkflows.SmtpConnection($"Over {security}", sink.Port, "mailer", "tls-only-secret", security));
        var workflowId = await _api.CreateWorkflowAsync(EmailWorkflows.SendEmail(connectionId.ToString(), $"Mail over {security}"));

        var detail = await _api.WaitForStatusAsync(await _api.StartAsync(workflowId, EmailWorkflows.Input), "completed", "failed");

        detail["execution"]!["status"]!.GetValue<string>().Should().Be("completed", detail.ToJsonString());
        var mail = await sink.WaitForMessageAsync();
        mail.OverTls.Should().BeTrue();
        sink.Logins.Should().Equal("mailer:tls-only-secret");
        mail.Recipients.Should().BeEquivalentTo("ada@example.test", "audit@processstudio.test");
        mail.Subject.Should().Be("Welcome, Ada!");
    }

    [Theory]
    [InlineData(SmtpSinkTls.StartTls, "startTls")]
    [InlineData(SmtpSinkTls.Implicit, "ssl")]
    public async Task The_connection_test_logs_in_over_tls_and_hides_the_password(SmtpSinkTls tls, string security)
    {
        await using var sink = new SmtpSink(("robot", "never-in-transcript"), tls);

        var test = (await _api.PostAsync("/api/v1/connections/test",
            EmailWorkflows.SmtpConnection("Tested over TLS", sink.Port, "robot", "never-in-transcript", security))).ShouldHave(HttpStatusCode.OK);

        test.Data["success"]!.GetValue<bool>().Should().BeTrue(test.Body);
        test.Data["message"]!.GetValue<string>().Should().Contain("accepted the login of robot");
        var transcript = test.Data["transcript"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        transcript.Should().Contain(l => l.StartsWith("< 235")).And.Contain(l => l.StartsWith("> ") && l.Contains("********"),
            "MailKit redacts the credentials it sends");
        test.Body.Should().NotContain("never-in-transcript");
        sink.Logins.Should().Equal("robot:never-in-transcript");
    }

    [Fact]
    public async Task Starttls_against_a_server_without_it_is_refused_before_any_login()
    {
        await using var sink = new SmtpSink(("robot", "not-over-plain-text"));

        var test = (await _api.PostAsync("/api/v1/connections/test",
            EmailWorkflows.SmtpConnection("No STARTTLS", sink.Port, "robot", "not-over-plain-text", "startTls"))).ShouldHave(HttpStatusCode.OK);

        test.Data["success"]!.GetValue<bool>().Should().BeFalse();
        test.Data["message"]!.GetValue<string>().Should().Contain("does not offer STARTTLS");
        sink.Logins.Should().BeEmpty();
    }

    [Fact]
    public async Task Without_the_test_hosts_trust_the_self_signed_certificate_is_refused_and_not_retried()
    {
        await using var sink = new SmtpSink(tls: SmtpSinkTls.StartTls);
        var sender = new SmtpSender(new SmtpConnector(Options.Create(new SmtpTransportOptions())));   // the production default
        var settings = new SmtpSettings("127.0.0.1", sink.Port, SmtpSecurity.StartTls, null, null, new MailAddress("robot@processstudio.test"));
        var message = new MimeMessage { Subject = "Untrusted", Body = new TextPart("plain") { Text = "Should not arrive." } };
        message.From.Add(MailboxAddress.Parse("robot@processstudio.test"));
        message.To.Add(MailboxAddress.Parse("ada@example.test"));

        var send = () => sender.SendAsync(settings, message, TimeSpan.FromSeconds(20), CancellationToken.None);

        var failure = (await send.Should().ThrowAsync<NodeFailedException>()).Which;
        failure.ErrorType.Should().Be("SmtpTls");
        failure.Should().NotBeOfType<TransientFailureException>("a certificate the system does not trust stays untrusted");
        sink.Messages.Should().BeEmpty();
    }
}
