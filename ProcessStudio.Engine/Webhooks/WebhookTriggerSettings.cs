using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Nodes.Settings;

namespace ProcessStudio.Engine.Webhooks;

public enum WebhookAuthentication { None, HeaderToken, HmacSha256 }

public enum WebhookResponseMode { Immediate, Wait }

/// <summary>A Webhook trigger's settings read into types, with the defaults its descriptor documents.</summary>
public sealed record WebhookTriggerSettings(
    string Path,
    string Method,
    WebhookAuthentication Authentication,
    string HeaderName,
    string? Secret,
    WebhookResponseMode ResponseMode,
    TimeSpan ResponseTimeout,
    string CorrelationHeader = WebhookTriggerSettings.DefaultCorrelationHeader)
{
    /// <summary>The request header whose value becomes the run's correlation id unless the trigger names another.</summary>
    public const string DefaultCorrelationHeader = "X-Correlation-Id";
    public const string DefaultMethod = "POST";
    public const string DefaultTokenHeader = "X-Webhook-Token";
    public const string DefaultSignatureHeader = "X-Signature";
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxResponseTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Setting values as stored (and offered by the designer).</summary>
    public static class Values
    {
        public const string None = "none";
        public const string HeaderToken = "header-token";
        public const string HmacSha256 = "hmac-sha256";
        public const string Immediate = "immediate";
        public const string Wait = "wait";
    }

    public static WebhookTriggerSettings From(NodeDefinition node)
    {
        var settings = node.Settings;
        var authentication = NodeJson.String(settings["authentication"]) switch
        {
            Values.HeaderToken => WebhookAuthentication.HeaderToken,
            Values.HmacSha256 => WebhookAuthentication.HmacSha256,
            _ => WebhookAuthentication.None,
        };
        var headerName = NodeJson.String(settings["headerName"]) is { Length: > 0 } name
            ? name.Trim()
            : authentication == WebhookAuthentication.HmacSha256 ? DefaultSignatureHeader : DefaultTokenHeader;
        var timeout = NodeJson.String(settings["responseTimeout"]) is { } text && DurationParser.TryParse(text, out var parsed)
            ? parsed
            : DefaultResponseTimeout;
        return new WebhookTriggerSettings(
            WebhookPath.Normalize(NodeJson.String(settings["path"]) ?? ""),
            (NodeJson.String(settings["method"]) ?? DefaultMethod).ToUpperInvariant(),
            authentication,
            headerName,
            NodeJson.String(settings["secret"]),
            NodeJson.String(settings["responseMode"]) == Values.Wait ? WebhookResponseMode.Wait : WebhookResponseMode.Immediate,
            timeout,
            NodeJson.String(settings["correlationHeader"]) is { Length: > 0 } correlation ? correlation.Trim() : DefaultCorrelationHeader);
    }
}
