using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Connections;

public sealed class ConnectionRestartTests
{
    [Fact]
    public async Task Secrets_saved_before_a_restart_still_decrypt_after_it()
    {
        using var folder = new TempFolder();
        await using var sink = new SmtpSink(("robot", "survives-restarts"));
        Guid workflowId;
        await using (var before = new AppFactory(folder.Path))
        {
            var api = new ApiClient(before.CreateClient());
            var connectionId = await api.CreateConnectionAsync(EmailWorkflows.SmtpConnection("Durable", sink.Port, "robot", "survives-restarts"));
            workflowId = await api.CreateWorkflowAsync(EmailWorkflows.SendEmail(connectionId.ToString(), "After restart"));
        }

        Directory.EnumerateFiles(Path.Combine(folder.Path, "keys"), "key-*.xml").Should().NotBeEmpty();
        await using var after = new AppFactory(folder.Path);
        var restarted = new ApiClient(after.CreateClient());
        var detail = await restarted.WaitForStatusAsync(await restarted.StartAsync(workflowId, EmailWorkflows.Input), "completed", "failed");

        detail["execution"]!["status"]!.GetValue<string>().Should().Be("completed", detail.ToJsonString());
        sink.Logins.Should().Equal("robot:survives-restarts");
        (await sink.WaitForMessageAsync()).Subject.Should().Be("Welcome, Ada!");
    }
}
