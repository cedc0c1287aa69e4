using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>
/// Serilog writes the rolling log file into the data folder, engine lines carry the execution and node ids, and every
/// request gets one line with its method, path, status, time and caller.
/// </summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Engine_log_lines_in_the_file_carry_the_execution_id_and_node_id()
    {
        using var folder = new TempFolder();
        Guid executionId;
        await using (var app = new AppFactory(folder.Path, new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" }))
        {
            var api = new ApiClient(app.CreateClient());
            var workflowId = await api.CreateWorkflowAsync(TestWorkflows.Hello("Logged"));
            executionId = await api.StartAsync(workflowId, new { name = "Log" });
            await api.WaitForStatusAsync(executionId, "completed", "failed");
        }

        var lines = Directory.GetFiles(Path.Combine(folder.Path, "logs"), "processstudio-*.log").SelectMany(ReadShared).ToList();

        lines.Should().Contain(l => l.Contains($"ExecutionId={executionId}") && l.Contains("NodeId=log"),
            "the Log node's line is written inside the engine's execution and node scope");
    }

    [Fact]
    public async Task Each_request_is_logged_once_with_method_path_status_elapsed_time_and_user()
    {
        using var folder = new TempFolder();
        await using (var app = new AppFactory(folder.Path, new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" }))
        {
            var api = new ApiClient(app.CreateClient());
            (await api.GetAsync("/api/v1/workflows")).ShouldHave(System.Net.HttpStatusCode.OK);
            (await api.GetAsync($"/api/v1/workflows/{Guid.NewGuid()}")).ShouldHave(System.Net.HttpStatusCode.NotFound);
            (await api.GetAsync("/health/live")).ShouldHave(System.Net.HttpStatusCode.OK);
        }

        var lines = Directory.GetFiles(Path.Combine(folder.Path, "logs"), "processstudio-*.log").SelectMany(ReadShared).ToList();

        lines.Should().ContainSingle(l => l.Contains("HTTP GET /api/v1/workflows responded 200 in "))
            .Which.Should().MatchRegex(@"responded 200 in \d+\.\d ms for API key '[^']+'");
        lines.Should().Contain(l => l.Contains("HTTP GET /api/v1/workflows/") && l.Contains("responded 404"));
        lines.Should().NotContain(l => l.Contains("HTTP GET /health/live"), "probes are logged at Debug only");
    }

    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            lines.Add(line);
        return lines;
    }
}
