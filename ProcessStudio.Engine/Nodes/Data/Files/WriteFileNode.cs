using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data.Files;

/// <summary>Writes text, JSON or decoded base64 to a file in the files folder: overwrite, append or create-only (size-limited).</summary>
public sealed class WriteFileNode(IOptions<EngineOptions> options) : NodeType
{
    public const string TypeName = "write-file";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Write File",
        Category = NodeCategory.Data,
        Description = "Writes text, data as JSON, or base64 bytes to a file in the app's files folder. Paths outside that folder are refused.",
        Icon = "file-output",
        Settings =
        [
            new("path", "Path", SettingKind.Text) { Required = true, Placeholder = "exports/{{ $execution.id }}.csv", Description = "Relative to the files folder." },
            new("content", "Content", SettingKind.MultilineText) { Default = "{{ $json }}", Description = "Text is written as UTF-8; other values as JSON. Default: the node's input." },
            new("encoding", "Content is", SettingKind.Select) { Options = ["text", "base64"], Default = "text", AllowsTemplates = false,
                Description = "base64: the content is decoded and the bytes written." },
            new("mode", "If the file exists", SettingKind.Select) { Options = ["overwrite", "append", "fail"], Default = "overwrite", AllowsTemplates = false },
        ],
    };

    public override async Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var files = options.Value.Files;
        var (path, shown) = new FileSandbox(files).Resolve(context, "path", cancellationToken);
        var bytes = Bytes(DataItems.ValueOrInput(context, "content", cancellationToken),
            NodeJson.String(context.Setting("encoding")) == "base64");
        var mode = NodeJson.String(context.Setting("mode")) ?? "overwrite";

        var existing = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (mode == "fail" && File.Exists(path)) throw new NodeFailedException($"File '{shown}' already exists.", "FileExists");
        var total = bytes.Length + (mode == "append" ? existing : 0);
        if (total > files.MaxWriteBytes)
            throw new NodeFailedException($"Writing '{shown}' would make it {total} bytes, more than the {files.MaxWriteBytes} allowed (Engine:Files:MaxWriteBytes).", "FileTooLarge");

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var stream = new FileStream(path, mode switch { "append" => FileMode.Append, "fail" => FileMode.CreateNew, _ => FileMode.Create },
                         FileAccess.Write, FileShare.None, 4096, useAsync: true))
            await stream.WriteAsync(bytes, cancellationToken);
        return NodeOutcome.Next(new JsonObject { ["path"] = shown, ["size"] = new FileInfo(path).Length, ["written"] = bytes.Length });
    }

    private static byte[] Bytes(JsonNode? content, bool base64)
    {
        var text = content is null ? "" : ExpressionValues.TryGetString(content, out var s) ? s : content.ToJsonString();
        if (!base64) return Encoding.UTF8.GetBytes(text);
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { throw new NodeFailedException("'Content' is not valid base64.", "InvalidSettings"); }
    }
}
