namespace ProcessStudio.Web.Hosting;

/// <summary>The resolved, existing data folder: the database file, logs/ and the Data Protection keys/ live here.</summary>
public sealed class DataFolder
{
    public DataFolder(string contentRoot, ProcessStudioOptions options)
    {
        Path = System.IO.Path.GetFullPath(options.DataFolder, contentRoot);
        DatabasePath = System.IO.Path.Combine(Path, options.DatabaseFileName);
        LogsPath = System.IO.Path.Combine(Path, "logs");
        KeysPath = System.IO.Path.Combine(Path, "keys");
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(LogsPath);
    }

    public string Path { get; }
    public string DatabasePath { get; }
    public string LogsPath { get; }
    /// <summary>The Data Protection key ring; without it, encrypted connection secrets cannot be read.</summary>
    public string KeysPath { get; }
}
