using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>
/// A PostgreSQL 15 cluster of its own, in a temporary folder on a free loopback port, for tests that need a real server.
/// When the binaries are missing or the cluster does not start, <see cref="SkipReason"/> says why and tests skip.
/// Stopped by its data folder, never by process name.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncLifetime
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private string? _folder;

    public string? ConnectionString { get; private set; }
    public string? SkipReason { get; private set; }
    private string Data => Path.Combine(_folder!, "data");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            SkipReason = $"PostgreSQL 15 is not installed ({Bin}/initdb is missing; apt-get install postgresql).";
            return;
        }
        _folder = Directory.CreateTempSubdirectory("ps-pg-").FullName;
        var port = FreePort();
        try
        {
            if (Environment.UserName == "root")
                await RunAsync("chown", ["-R", "postgres:", _folder]);   // the server refuses to run as root
            await RunAsPostgresAsync($"{Bin}/initdb -D {Data} -A trust -U postgres --no-sync");
            await RunAsPostgresAsync($"{Bin}/pg_ctl -D {Data} -w -t 60 -l {_folder}/log -o '-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off' start");
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        }
        catch (Exception ex)
        {
            SkipReason = $"A throwaway PostgreSQL cluster did not start: {ex.Message}";
        }
    }

    public async Task DisposeAsync()
    {
        if (_folder is null) return;
        if (ConnectionString is not null)
            await RunAsPostgresAsync($"{Bin}/pg_ctl -D {Data} -m fast -w stop");
        Directory.Delete(_folder, recursive: true);
    }

    private static Task RunAsPostgresAsync(string command) =>
        Environment.UserName == "root" ? RunAsync("su", ["postgres", "-c", command]) : RunAsync("/bin/sh", ["-c", command]);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}: {(await error).Trim()} {(await output).Trim()}".Trim());
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
