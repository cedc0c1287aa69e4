using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>
/// The real ProcessStudio.Web executable from its build output, started as a child process on a free port over a
/// given data folder. Its output is kept for failure messages.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(TestCredentials.ApiKeyHeader, TestCredentials.AdminApiKey);
        Api = new ApiClient(http);
    }

    public string BaseUrl { get; }
    /// <summary>The process id, which is part of the instance's name in the Leases table.</summary>
    public int ProcessId => _process.Id;
    public ApiClient Api { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the app; <paramref name="settings"/> are extra configuration keys (e.g. a test hook).</summary>
    public static async Task<AppProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = Launch(dataFolder, FreePort(), settings);
        await app.WaitUntilHealthyAsync();
        return app;
    }

    /// <summary>Starts the app on <paramref name="port"/> and waits for it to exit by itself (e.g. because the port is taken).</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string dataFolder, int port, TimeSpan timeout)
    {
        await using var app = Launch(dataFolder, port);
        using var deadline = new CancellationTokenSource(timeout);
        await app._process.WaitForExitAsync(deadline.Token);
        return (app._process.ExitCode, app.Output);
    }

    private static AppProcess Launch(string dataFolder, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var executable = FindExecutable();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--urls", baseUrl, "--ProcessStudio:DataFolder", dataFolder, "--ProcessStudio:SeedSamples", "false",
                     "--ProcessStudio:Engine:OutboundAddresses:AllowLoopback", "true" })   // the test HTTP servers listen on 127.0.0.1
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in TestCredentials.InitialAdminSettings.Concat(settings ?? new Dictionary<string, string>()))
            start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var app = new AppProcess(Process.Start(start)!, baseUrl);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crash or a power cut.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        Api.Http.Dispose();
        _process.Dispose();
    }

    /// <summary>
    /// The executable sits in ProcessStudio.Web's output folder with the same configuration and runtime sub-path as
    /// this test assembly (tests/ProcessStudio.Web.Tests/bin/Release/net10.0 → ProcessStudio.Web/bin/Release/net10.0).
    /// </summary>
    private static string FindExecutable()
    {
        var testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var projectDir = Directory.GetParent(testOutput);
        while (projectDir is not null && projectDir.Name != "bin")
            projectDir = projectDir.Parent;
        if (projectDir?.Parent?.Parent?.Parent is not { } repoRoot)
            throw new InvalidOperationException($"Cannot locate the repository from {testOutput}.");

        var subPath = Path.GetRelativePath(projectDir.FullName, testOutput);
        var name = OperatingSystem.IsWindows() ? "ProcessStudio.Web.exe" : "ProcessStudio.Web";
        var executable = Path.Combine(repoRoot.FullName, "ProcessStudio.Web", "bin", subPath, name);
        return File.Exists(executable)
            ? executable
            : throw new FileNotFoundException($"Build ProcessStudio.Web first (dotnet build ProcessStudio.sln); not found: {executable}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"ProcessStudio exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await Api.GetAsync("/api/v1/health")).Status == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"ProcessStudio did not become healthy at {BaseUrl}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
