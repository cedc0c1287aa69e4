using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ProcessStudio.Engine.Nodes.Data.Files;

/// <summary>Reads a file from the files folder as text, JSON or base64 (size-limited; see <see cref="FileSandbox"/>).</summary>
public sealed class ReadFileNode(IOptions<EngineOptions> options) : NodeType
{
    public const string TypeName = "read-file";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Read File",
        Category = NodeCategory.Data,
        Description = "Reads a file from the app's files folder as text, JSON or base64. Paths outside that folder are refused.",
        Icon = "file-input",
        Settings =
        [
            new("path", "Path", SettingKind.Text) { Required = true, Placeholder = "imports/{{ $json.name }}.csv", Description = "Relative to the files folder." },
            new("format", "Read as", SettingKind.Select) { Options = ["text", "json", "base64"], Default = "text", AllowsTemplates = false },
        ],
    };

    public override async Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var files = options.Value.Files;
        var (path, shown) = new FileSandbox(files).Resolve(context, "path", cancellationToken);
        var file = new FileInfo(path);
        if (!file.Exists) throw new NodeFailedException($"File '{shown}' does not exist in the files folder.", "FileNotFound");
        if (file.Length > files.MaxReadBytes)
            throw new NodeFailedException($"File '{shown}' has {file.Length} bytes, more than the {files.MaxReadBytes} that Read File may read (Engine:Files:MaxReadBytes).", "FileTooLarge");

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var content = (NodeJson.String(context.Setting("format")) ?? "text") switch
        {
            "base64" => JsonValue.Create(Convert.ToBase64String(bytes)),
            "json" => ParseJson(bytes, shown),
            _ => JsonValue.Create(Encoding.UTF8.GetString(bytes)),
        };
        return NodeOutcome.Next(new JsonObject { ["path"] = shown, ["size"] = bytes.Length, ["content"] = content });
    }

    private static JsonNode? ParseJson(byte[] bytes, string shown)
    {
        try { return JsonNode.Parse(bytes); }
        catch (JsonException e) { throw new NodeFailedException($"File '{shown}' is not valid JSON: line {e.LineNumber + 1}: {e.Message.Split(" Path:")[0]}", "InvalidJson"); }
    }
}
