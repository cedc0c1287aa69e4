using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>Per item: a hash or HMAC of a value, a UUID or a random id. The HMAC secret is a secret setting (hidden from viewers).</summary>
public sealed class CryptoNode : NodeType
{
    public const string TypeName = "crypto";
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Crypto",
        Category = NodeCategory.Data,
        Description = "Per item: hash a value (MD5, SHA-1, SHA-256, SHA-512), sign it with an HMAC secret, or generate a UUID or random id.",
        Icon = "fingerprint",
        Settings =
        [
            DataItems.Setting,
            new("operation", "Operation", SettingKind.Select) { Options = ["hash", "hmac", "uuid", "randomId"], Default = "hash", AllowsTemplates = false },
            new("algorithm", "Algorithm", SettingKind.Select) { Options = ["md5", "sha1", "sha256", "sha512"], Default = "sha256", AllowsTemplates = false, VisibleWhen = new("operation", ["hash", "hmac"]) },
            new("value", "Value", SettingKind.Text) { Required = true, VisibleWhen = new("operation", ["hash", "hmac"]), Placeholder = "{{ $item.email }}",
                Description = "Text is hashed as UTF-8; other values as compact JSON." },
            new("secret", "Secret", SettingKind.Secret) { Required = true, VisibleWhen = new("operation", ["hmac"]), Description = "The HMAC key (UTF-8). Hidden from people who may only view the workflow." },
            new("encoding", "Encoding", SettingKind.Select) { Options = ["hex", "base64"], Default = "hex", AllowsTemplates = false, VisibleWhen = new("operation", ["hash", "hmac"]) },
            new("length", "Length", SettingKind.Integer) { Default = 16, Min = 1, Max = 256, VisibleWhen = new("operation", ["randomId"]) },
            PerItem.OutputSetting,
        ],
    };

    public override IEnumerable<Validation.ValidationProblem> Validate(Model.NodeDefinition node) => PerItem.Validate(node);

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var operation = NodeJson.String(context.Setting("operation")) ?? "hash";
        var algorithm = NodeJson.String(context.Setting("algorithm")) ?? "sha256";
        var base64 = NodeJson.String(context.Setting("encoding")) == "base64";
        var length = NodeJson.Int(context.Setting("length")) ?? 16;
        if (length is < 1 or > 256) throw new NodeFailedException($"'Length' must be from 1 to 256, not {length}.", "InvalidSettings");
        return Task.FromResult(PerItem.Apply(context, cancellationToken, scope =>
        {
            switch (operation)
            {
                case "uuid": return JsonValue.Create(Guid.NewGuid().ToString());
                case "randomId": return JsonValue.Create(RandomNumberGenerator.GetString(IdAlphabet, length));
            }
            var data = Encoding.UTF8.GetBytes(ItemScope.Evaluate(context, "value", scope, cancellationToken) is { } value ? NodeJson.AsText(value) : "");
            byte[] digest;
            if (operation == "hmac")
            {
                var secret = ItemScope.Evaluate(context, "secret", scope, cancellationToken) is { } s ? NodeJson.AsText(s) : "";
                if (secret.Length == 0) throw new NodeFailedException("'Secret' is empty; an HMAC needs a key.", "InvalidSettings");
                digest = Hmac(algorithm, Encoding.UTF8.GetBytes(secret), data);
            }
            else digest = Hash(algorithm, data);
            return JsonValue.Create(base64 ? Convert.ToBase64String(digest) : Convert.ToHexStringLower(digest));
        }));
    }

    private static byte[] Hash(string algorithm, byte[] data) => algorithm switch
    {
        "md5" => MD5.HashData(data),
        "sha1" => SHA1.HashData(data),
        "sha512" => SHA512.HashData(data),
        "sha256" => SHA256.HashData(data),
        _ => throw UnknownAlgorithm(algorithm),
    };

    private static byte[] Hmac(string algorithm, byte[] key, byte[] data) => algorithm switch
    {
        "md5" => HMACMD5.HashData(key, data),
        "sha1" => HMACSHA1.HashData(key, data),
        "sha512" => HMACSHA512.HashData(key, data),
        "sha256" => HMACSHA256.HashData(key, data),
        _ => throw UnknownAlgorithm(algorithm),
    };

    private static NodeFailedException UnknownAlgorithm(string algorithm) =>
        new($"Unknown algorithm '{algorithm}'; use md5, sha1, sha256 or sha512.", "InvalidSettings");
}
