namespace ProcessStudio.Engine.Tests.Support;

/// <summary>Files of the repository itself (docs), for tests that keep documentation and code in step.</summary>
public static class RepositoryFiles
{
    public static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root(), .. path]));

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ProcessStudio.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
