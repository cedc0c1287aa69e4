using System.Net;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Connections;

public sealed class ConnectionApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    // ASCII only, so a plaintext copy could not hide behind JSON escaping.
    private const string Password = "pa55-Word-only-in-memory-7c1f";
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task The_password_is_never_returned_and_never_stored_in_plain_text()
    {
        var created = (await _api.PostAsync("/api/v1/connections", EmailWorkflows.SmtpConnection("Secret keeper", 2525, "robot", Password)))
            .ShouldHave(HttpStatusCode.Created);
        var id = created.Data["id"]!.GetValue<Guid>();

        var read = (await _api.GetAsync($"/api/v1/connections/{id}")).ShouldHave(HttpStatusCode.OK);
        var list = (await _api.GetAsync("/api/v1/connections")).ShouldHave(HttpStatusCode.OK);

        read.Data["hasSecret"]!["password"]!.GetValue<bool>().Should().BeTrue();
        read.Data["fields"]!["port"]!.GetValue<int>().Should().Be(2525);
        read.Data["fields"]!["username"]!.GetValue<string>().Should().Be("robot");
        read.Data["fields"]!.AsObject().Should().NotContainKey("password");
        foreach (var body in new[] { created.Body, read.Body, list.Body })
            body.Should().NotContain(Password);
        foreach (var file in Directory.EnumerateFiles(app.Factory.DataFolder, "*", SearchOption.AllDirectories))
            ReadShared(file).Should().NotContain(Password, "{0} is in the data folder", file);
    }

    [Fact]
    public async Task Updating_without_the_password_keeps_it_and_null_clears_it()
    {
        await using var sink = new SmtpSink(("robot", Password));
        var id = await _api.CreateConnectionAsync(EmailWorkflows.SmtpConnection("Kept secret", sink.Port, "robot", Password));

        var renamed = new { name = "Kept secret (renamed)", fields = new { host = "127.0.0.1", port = sink.Port, security = "none", username = "robot", fromAddress = "robot@processstudio.test" } };
        var updated = (await _api.PutAsync($"/api/v1/connections/{id}", renamed)).ShouldHave(HttpStatusCode.OK);
        updated.Data["name"]!.GetValue<string>().Should().Be("Kept secret (renamed)");
        updated.Data["hasSecret"]!["password"]!.GetValue<bool>().Should().BeTrue();

        var test = (await _api.PostAsync($"/api/v1/connections/{id}/test")).ShouldHave(HttpStatusCode.OK);
        test.Data["success"]!.GetValue<bool>().Should().BeTrue(test.Body);
        sink.Logins.Should().Equal($"robot:{Password}");

        var cleared = new { name = "Kept secret (renamed)", fields = new { host = "127.0.0.1", port = sink.Port, security = "none", fromAddress = "robot@processstudio.test", password = (string?)null } };
        (await _api.PutAsync($"/api/v1/connections/{id}", cleared)).ShouldHave(HttpStatusCode.OK)
            .Data["hasSecret"]!["password"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Test_reports_the_server_dialogue_without_the_password_and_a_refused_connection_as_a_failure()
    {
        await using var sink = new SmtpSink(("robot", Password));
        var id = await _api.CreateConnectionAsync(EmailWorkflows.SmtpConnection("Tested", sink.Port, "robot", Password));

        var ok = (await _api.PostAsync($"/api/v1/connections/{id}/test")).ShouldHave(HttpStatusCode.OK);
        ok.Data["success"]!.GetValue<bool>().Should().BeTrue();
        ok.Data["transcript"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Contain(l => l.StartsWith("< 250"));
        ok.Body.Should().NotContain(Password);

        var wrongPassword = new { name = "Tested", type = "smtp", fields = new { host = "127.0.0.1", port = sink.Port, security = "none", username = "robot", password = "wrong", fromAddress = "robot@processstudio.test" } };
        var refusedLogin = (await _api.PostAsync("/api/v1/connections/test", wrongPassword)).ShouldHave(HttpStatusCode.OK);
        refusedLogin.Data["success"]!.GetValue<bool>().Should().BeFalse();
        refusedLogin.Data["message"]!.GetValue<string>().Should().Contain("535");

        var closed = (await _api.PostAsync("/api/v1/connections/test", EmailWorkflows.SmtpConnection("Nobody home", SmtpSink.ClosedPort()))).ShouldHave(HttpStatusCode.OK);
        closed.Data["success"]!.GetValue<bool>().Should().BeFalse();
        closed.Data["message"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Invalid_input_gets_a_400_naming_each_field()
    {
        var response = (await _api.PostAsync("/api/v1/connections", new { name = "", type = "smtp", fields = new { port = 70000, security = "tls", fromAddress = "not an address", colour = "red" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        response.ErrorFields.Should().BeEquivalentTo("name", "fields.host", "fields.port", "fields.security", "fields.colour");

        (await _api.PostAsync("/api/v1/connections", new { name = "Pigeon", type = "carrier-pigeon" })).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields.Should().Equal("type");
        (await _api.PostAsync("/api/v1/connections", new { name = "Bad from", type = "smtp", fields = new { host = "h", fromAddress = "nope" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("fields.fromAddress");
    }

    [Fact]
    public async Task Names_are_unique_ignoring_case_and_the_type_cannot_change()
    {
        var id = await _api.CreateConnectionAsync(EmailWorkflows.SmtpConnection("Unique mail", 25));

        (await _api.PostAsync("/api/v1/connections", EmailWorkflows.SmtpConnection("UNIQUE MAIL", 25))).ShouldBeProblem(HttpStatusCode.Conflict);
        (await _api.PutAsync($"/api/v1/connections/{id}", new { name = "Unique mail", type = "http", fields = new { host = "h", fromAddress = "a@b.test" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Contain("type");
    }

    [Fact]
    public async Task A_connection_used_by_a_workflow_cannot_be_deleted_until_the_workflow_is_gone()
    {
        var id = await _api.CreateConnectionAsync(EmailWorkflows.SmtpConnection("In use", 25));
        var workflowId = await _api.CreateWorkflowAsync(EmailWorkflows.SendEmail(id.ToString(), "Uses the connection"));

        var refused = (await _api.DeleteAsync($"/api/v1/connections/{id}")).ShouldBeProblem(HttpStatusCode.Conflict);
        refused.Json["workflows"]!.AsArray().Select(w => w!.GetValue<string>()).Should().Equal("Uses the connection");

        (await _api.DeleteAsync($"/api/v1/workflows/{workflowId}")).ShouldHave(HttpStatusCode.OK);
        (await _api.DeleteAsync($"/api/v1/connections/{id}")).ShouldHave(HttpStatusCode.OK);
        (await _api.GetAsync($"/api/v1/connections/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_designer_can_list_connections_of_one_type_and_the_declared_fields()
    {
        await _api.CreateConnectionAsync(EmailWorkflows.SmtpConnection("Listed by type", 25));

        var smtp = (await _api.GetAsync("/api/v1/connections?type=smtp")).ShouldHave(HttpStatusCode.OK);
        var other = (await _api.GetAsync("/api/v1/connections?type=http")).ShouldHave(HttpStatusCode.OK);
        var types = (await _api.GetAsync("/api/v1/connections/types")).ShouldHave(HttpStatusCode.OK);

        smtp.Data.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Contain("Listed by type");
        other.Data.AsArray().Should().BeEmpty();
        var password = types.Data.AsArray().Single(t => t!["type"]!.GetValue<string>() == "smtp")!["fields"]!.AsArray()
            .Single(f => f!["name"]!.GetValue<string>() == "password")!;
        password["secret"]!.GetValue<bool>().Should().BeTrue();
    }

    /// <summary>Reads a file the running app may hold open (the database and its WAL).</summary>
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
