namespace ProcessStudio.Engine.Nodes.Data.Files;

/// <summary>
/// Turns a path from a node's settings into a full path inside the configured files folder, or refuses it with a clear
/// error: absolute paths, paths that climb out with "..", and paths through a symbolic link that points outside.
/// </summary>
/// <remarks>
/// The check runs just before the file is opened; a link swapped in between by someone with write access to the
/// folder is outside what this guards (the folder is the app's own, not shared with untrusted writers).
/// </remarks>
public sealed class FileSandbox(FileNodeOptions options)
{
    public string Root
    {
        get
        {
            var root = Path.GetFullPath(options.Folder);
            Directory.CreateDirectory(root);
            return new DirectoryInfo(root).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? root;
        }
    }

    /// <summary>The full path a node's path setting names (rendered), and the same path as people see it.</summary>
    public (string Full, string Shown) Resolve(NodeContext context, string setting, CancellationToken cancellationToken)
    {
        var full = Resolve(context.EvaluatedText(setting, cancellationToken));
        return (full, Display(full));
    }

    public string Resolve(string? relative)
    {
        if (string.IsNullOrWhiteSpace(relative)) throw Refused("'Path' is empty; give a path inside the files folder, e.g. reports/today.csv.");
        if (relative.Contains('\0')) throw Refused("'Path' contains a NUL character.");
        if (Path.IsPathRooted(relative) || relative.StartsWith('/') || relative.StartsWith('\\') || relative.StartsWith('~'))
            throw Refused($"'{relative}' is an absolute path; paths are relative to the files folder (e.g. reports/today.csv).");

        var root = Root;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!IsInside(full, root))
            throw Refused($"'{relative}' leads outside the files folder.");

        // Every existing step from the root to the file must stay inside once symbolic links are followed.
        var current = root;
        foreach (var part in Path.GetRelativePath(root, full).Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists || info.LinkTarget is null) continue;
            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (target is null || !IsInside(target, root))
                throw Refused($"'{relative}' goes through the symbolic link '{Path.GetRelativePath(root, current)}', which leads outside the files folder.");
        }
        return full;
    }

    /// <summary>The path as shown to people: relative to the files folder, with forward slashes.</summary>
    public string Display(string full) => Path.GetRelativePath(Root, full).Replace('\\', '/');

    private static bool IsInside(string path, string root) =>
        path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static NodeFailedException Refused(string message) => new(message, "PathRefused");
}
