using System.Reflection;
using System.Runtime.InteropServices;

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>Finds the built ProcessStudio.Web executable for the same Configuration as this test assembly.</summary>
internal static class AppLocator
{
    private const string AppName = "ProcessStudio.Web";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string WebProjectDirectory => Path.Combine(RepositoryRoot, AppName);

    /// <summary>The executable path; <c>PS_APP_PATH</c> overrides the lookup.</summary>
    public static string FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("PS_APP_PATH") is { Length: > 0 } overridePath)
            return File.Exists(overridePath)
                ? overridePath
                : throw new InvalidOperationException($"PS_APP_PATH points to '{overridePath}', which does not exist.");

        var configuration = typeof(AppLocator).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var binFolder = Path.Combine(WebProjectDirectory, "bin", configuration);
        var executableName = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? AppName + ".exe" : AppName;
        var candidate = Directory.Exists(binFolder)
            ? Directory.EnumerateFiles(binFolder, executableName, SearchOption.AllDirectories)
                .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}"))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;

        return candidate ?? throw new InvalidOperationException(
            $"The app is not built: no '{executableName}' under '{binFolder}'. " +
            $"Run `dotnet build ProcessStudio.sln -c {configuration}` (./test.sh does) before the e2e tests.");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProcessStudio.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"ProcessStudio.sln was not found above '{AppContext.BaseDirectory}'.");
    }
}
