using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Connections;

public sealed class SendEmailTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task A_run_delivers_the_rendered_message_to_the_smtp_server_with_the_decrypted_login()
    {
        await using var sink = new SmtpSink(("mailer", "s3cret-for-sink"));
        var connectionId = await _api.CreateConnectionAsync(EmailWorkflows.SmtpConnection("Delivering", sink.Port, "mailer", "s3cret-for-sink"));
        var html = new JsonObject { ["bodyHtml"] = "<p>Hello <b>{{ $input.name }}</b></p>", ["replyTo"] = "support@processstudio.test" };
        var workflowId = await _api.CreateWorkflowAsync(EmailWorkflows.SendEmail(connectionId.ToString(), "Welcome mail", html));

        var run = await _api.StartAsync(workflowId, EmailWorkflows.Input);
        var detail = await _api.WaitForStatusAsync(run, "completed", "failed");

        detail["execution"]!["status"]!.GetValue<string>().Should().Be("completed", detail.ToJsonString());
        var mail = await sink.WaitForMessageAsync();
        sink.Logins.Should().Equal("mailer:s3cret-for-sink");
        mail.From.Should().Be("robot@processstudio.test");
        mail.Recipients.Should().BeEquivalentTo("ada@example.test", "audit@processstudio.test");
        mail.Subject.Should().Be("Welcome, Ada!");
        mail.Header("From").Should().Contain("Process Robot").And.Contain("robot@processstudio.test");
        mail.Header("Reply-To").Should().Contain("support@processstudio.test");
        mail.TextParts().Should().Contain(("text/plain", "Hello Ada, your order 1042 is confirmed."))
            .And.Contain(("text/html", "<p>Hello <b>Ada</b></p>"));

        var output = NodeOutput(detail, "mail");
        output["subject"]!.GetValue<string>().Should().Be("Welcome, Ada!");
        output["to"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("ada@example.test");
        output["accepted"]!.AsArray().Should().HaveCount(2);
        output["messageId"]!.GetValue<string>().Should().Be(mail.Header("Message-ID"));
    }

    [Fact]
    public async Task A_connection_can_be_chosen_by_name_and_non_ascii_text_arrives_intact()
    {
        await using var sink = new SmtpSink();
        await _api.CreateConnectionAsync(EmailWorkflows.SmtpConnection("Mail by name", sink.Port));
        var unicode = new JsonObject { ["subject"] = "Grüße, {{ $input.name }} — ✓", ["bodyText"] = "Bestellung {{ $input.order }} ist unterwegs." };
        var workflowId = await _api.CreateWorkflowAsync(EmailWorkflows.SendEmail("Mail by name", "Unicode mail", unicode));

        var detail = await _api.WaitForStatusAsync(await _api.StartAsync(workflowId, EmailWorkflows.Input), "completed", "failed");

        detail["execution"]!["status"]!.GetValue<string>().Should().Be("completed", detail.ToJsonString());
        var mail = await sink.WaitForMessageAsync();
        mail.Subject.Should().Be("Grüße, Ada — ✓");
        mail.TextParts().Single().Content.Should().Be("Bestellung 1042 ist unterwegs.");
    }

    [Fact]
    public async Task An_unknown_connection_fails_the_node_naming_the_setting()
    {
        var workflowId = await _api.CreateWorkflowAsync(EmailWorkflows.SendEmail(Guid.NewGuid().ToString(), "Missing connection"));

        var detail = await _api.WaitForStatusAsync(await _api.StartAsync(workflowId, EmailWorkflows.Input), "completed", "failed");

        detail["execution"]!["status"]!.GetValue<string>().Should().Be("failed");
        detail["execution"]!["error"]!["message"]!.GetValue<string>().Should().Contain("Setting 'Connection'").And.Contain("no connection");
        detail["execution"]!["error"]!["nodeId"]!.GetValue<string>().Should().Be("mail");
    }

    [Fact]
    public async Task A_refused_connection_is_transient_so_the_default_policy_retries_it()
    {
        var connectionId = await _api.CreateConnectionAsync(EmailWorkflows.SmtpConnection("Nobody listening", SmtpSink.ClosedPort()));
        var workflowId = await _api.CreateWorkflowAsync(EmailWorkflows.SendEmail(connectionId.ToString(), "Refused"));

        var detail = await _api.WaitForStatusAsync(await _api.StartAsync(workflowId, EmailWorkflows.Input), "completed", "failed");

        detail["execution"]!["status"]!.GetValue<string>().Should().Be("failed");
        var node = detail["nodes"]!.AsArray().Single(n => n!["nodeId"]!.GetValue<string>() == "mail")!;
        node["attempts"]!.GetValue<int>().Should().Be(4, "the Default policy retries transient failures 3 times: {0}", node.ToJsonString());
        detail["execution"]!["error"]!["message"]!.GetValue<string>().Should().Contain("Could not talk to the SMTP server");
    }

    [Fact]
    public async Task A_bad_recipient_address_fails_naming_the_setting_without_sending()
    {
        await using var sink = new SmtpSink();
        var connectionId = await _api.CreateConnectionAsync(EmailWorkflows.SmtpConnection("Strict addresses", sink.Port));
        var workflowId = await _api.CreateWorkflowAsync(EmailWorkflows.SendEmail(connectionId.ToString(), "Bad address"));

        var detail = await _api.WaitForStatusAsync(await _api.StartAsync(workflowId, new { email = "not-an-address", name = "X" }), "completed", "failed");

        detail["execution"]!["error"]!["message"]!.GetValue<string>().Should().Contain("Setting 'To'").And.Contain("not-an-address");
        sink.Messages.Should().BeEmpty();
    }

    private static JsonNode NodeOutput(JsonNode detail, string nodeId) =>
        detail["activations"]!.AsArray().Single(n => n!["nodeId"]!.GetValue<string>() == nodeId)!["output"]!;
}
