using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>
/// The real ProcessStudio.Web executable running as a child process on a free 127.0.0.1 port, with its own
/// temporary data folder. Its console output is kept for diagnostics when a test fails.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly bool _ownsDataFolder;

    private AppProcess(Process process, Uri baseAddress, string dataFolder, bool ownsDataFolder)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataFolder = dataFolder;
        _ownsDataFolder = ownsDataFolder;
    }

    public Uri BaseAddress { get; }
    public string DataFolder { get; }

    /// <summary>The last lines the app wrote to stdout/stderr.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(200));

    /// <summary>
    /// Starts the app on <paramref name="port"/> (a restart on the same address) or a free port, over <paramref name="dataFolder"/> (kept on dispose, so a test can restart the app over the same
    /// data), or over a new temporary folder that is deleted on dispose. <paramref name="environment"/> adds settings
    /// (by default the initial admin of <see cref="TestCredentials"/>).
    /// </summary>
    public static async Task<AppProcess> StartAsync(CancellationToken cancellationToken, string? dataFolder = null,
        IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        var executable = AppLocator.FindExecutable();
        port ??= FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var ownsDataFolder = dataFolder is null;
        dataFolder ??= Directory.CreateTempSubdirectory("processstudio-e2e-").FullName;

        var startInfo = new ProcessStartInfo(executable)
        {
            // The project folder is the content root, so wwwroot and static web assets resolve from a build output.
            WorkingDirectory = AppLocator.WebProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        startInfo.Environment["ProcessStudio__DataFolder"] = dataFolder;
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = Environment.GetEnvironmentVariable("PS_E2E_ENVIRONMENT") ?? "Development";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["ProcessStudio__Security__PageRevalidationInterval"] = "00:00:02";   // open pages notice a disabled user quickly
        startInfo.Environment["ProcessStudio__Engine__OutboundAddresses__AllowLoopback"] = "true";   // the stub HTTP server listens on 127.0.0.1
        foreach (var (name, value) in environment ?? TestCredentials.InitialAdminEnvironment)
            startInfo.Environment[name] = value;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var app = new AppProcess(process, baseAddress, dataFolder, ownsDataFolder);
        process.OutputDataReceived += (_, e) => app.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => app.Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await app.WaitUntilAnsweringAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    private void Capture(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 2000) _output.TryDequeue(out _);
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException(
                    $"ProcessStudio.Web exited with code {_process.ExitCode} during start-up.{Environment.NewLine}{RecentOutput}");
            try
            {
                using var response = await http.GetAsync("/", cancellationToken);
                if ((int)response.StatusCode < 500) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException(
            $"ProcessStudio.Web did not answer on {BaseAddress} within {StartupTimeout.TotalSeconds}s.{Environment.NewLine}{RecentOutput}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { }
        }
        _process.Dispose();
        if (!_ownsDataFolder) return;
        try { Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { }   // SQLite may still hold a handle for a moment; the temp folder is disposable anyway.
    }
}
