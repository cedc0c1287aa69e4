using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;

namespace ProcessStudio.Web.Components.Tests.Support;

/// <summary>The web root the Web project's build fills (icons copied from lucide-static).</summary>
internal sealed class BuiltAssets : IWebHostEnvironment
{
    public string WebRootPath { get; set; } = Path.Combine(RepositoryRoot(), "ProcessStudio.Web", "wwwroot");
    public IFileProvider WebRootFileProvider { get; set; } = new PhysicalFileProvider(Path.Combine(RepositoryRoot(), "ProcessStudio.Web", "wwwroot"));
    public string ApplicationName { get; set; } = "tests";
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    public string ContentRootPath { get; set; } = "";
    public string EnvironmentName { get; set; } = "Test";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ProcessStudio.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
