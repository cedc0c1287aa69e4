using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;
using ProcessStudio.Engine.Webhooks;
using Values = ProcessStudio.Engine.Webhooks.WebhookTriggerSettings.Values;

namespace ProcessStudio.Engine.Nodes.Triggers;

/// <summary>
/// Starts a run when an HTTP request arrives at <c>/hooks/{path}</c>. The host checks method, size, rate and
/// credential before anything starts; the run's input (and this node's output) is the request:
/// <c>{ body, headers, query, method, path }</c>.
/// </summary>
public sealed class WebhookTrigger : NodeType
{
    public const string TypeName = "webhook-trigger";
    public const string RoutePrefix = "/hooks/";

    private static readonly string[] AuthenticatedModes = [Values.HeaderToken, Values.HmacSha256];

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Webhook",
        Category = NodeCategory.Trigger,
        Description = "Starts the workflow when an HTTP request arrives at /hooks/{path}. Outputs the request: body, headers, query, method and path.",
        Icon = "webhook",
        Inputs = [],
        Endpoint = new(RoutePrefix, "path"),
        Settings =
        [
            new("path", "Path", SettingKind.Text)
            {
                Required = true, AllowsTemplates = false, Placeholder = "orders/new",
                Description = "Unique across all workflows. Letters, digits, - _ . ~ and / between segments.",
            },
            new("method", "Method", SettingKind.Select)
            {
                Options = ["GET", "POST", "PUT", "PATCH", "DELETE"], Default = WebhookTriggerSettings.DefaultMethod, AllowsTemplates = false,
            },
            new("authentication", "Authentication", SettingKind.Select)
            {
                Options = [Values.None, Values.HeaderToken, Values.HmacSha256], Default = Values.None, AllowsTemplates = false,
                Description = "header-token: the header must equal the secret. hmac-sha256: the header must be sha256=<hex HMAC of the raw body>.",
            },
            new("headerName", "Header name", SettingKind.Text)
            {
                AllowsTemplates = false, VisibleWhen = new("authentication", AuthenticatedModes),
                Placeholder = $"{WebhookTriggerSettings.DefaultTokenHeader} or {WebhookTriggerSettings.DefaultSignatureHeader}",
                Description = $"Empty uses {WebhookTriggerSettings.DefaultTokenHeader} for a token and {WebhookTriggerSettings.DefaultSignatureHeader} for a signature.",
            },
            new("secret", "Secret", SettingKind.Secret)
            {
                Required = true, AllowsTemplates = false, VisibleWhen = new("authentication", AuthenticatedModes),
                Description = "The shared token, or the HMAC key the sender signs the body with.",
            },
            new("responseMode", "Response", SettingKind.Select)
            {
                Options = [Values.Immediate, Values.Wait], Default = Values.Immediate, AllowsTemplates = false,
                Description = "immediate: 202 with the execution id. wait: the Respond node's answer, or the run's output when it ends without one.",
            },
            new("responseTimeout", "Response timeout", SettingKind.Duration)
            {
                Default = "30s", VisibleWhen = new("responseMode", [Values.Wait]),
                Description = "How long the caller waits for a response before getting 504; the run itself goes on.",
            },
            new("correlationHeader", "Correlation id header", SettingKind.Text)
            {
                AllowsTemplates = false, Placeholder = WebhookTriggerSettings.DefaultCorrelationHeader,
                Description = $"The request header whose value becomes the run's correlation id. Empty uses {WebhookTriggerSettings.DefaultCorrelationHeader}.",
            },
        ],
    };

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node)
    {
        var path = NodeJson.String(node.Settings["path"]);
        if (!string.IsNullOrWhiteSpace(path) && WebhookPath.Problem(path) is { } pathProblem)
            yield return new("setting.invalid", $"Node '{node.Name}': the path {pathProblem}", node.Id, "path");

        var settings = WebhookTriggerSettings.From(node);
        if (settings.Authentication != WebhookAuthentication.None && !HttpHeaderText.IsValidName(settings.HeaderName))
            yield return new("setting.invalid", $"Node '{node.Name}': header name '{settings.HeaderName}' is not a valid HTTP header name.", node.Id, "headerName");
        if (!HttpHeaderText.IsValidName(settings.CorrelationHeader))
            yield return new("setting.invalid", $"Node '{node.Name}': correlation id header '{settings.CorrelationHeader}' is not a valid HTTP header name.", node.Id, "correlationHeader");
        if (settings.ResponseMode == WebhookResponseMode.Wait &&
            (settings.ResponseTimeout <= TimeSpan.Zero || settings.ResponseTimeout > WebhookTriggerSettings.MaxResponseTimeout))
            yield return new("setting.invalid", $"Node '{node.Name}': the response timeout must be more than 0 and at most {WebhookTriggerSettings.MaxResponseTimeout.TotalMinutes:0} minutes.",
                node.Id, "responseTimeout");
    }

    /// <summary>A run started from the designer or the API has no request; it gets an empty one of the same shape.</summary>
    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        if (context.Input is { } request) return Task.FromResult(NodeOutcome.Next(request.DeepClone()));
        var settings = WebhookTriggerSettings.From(context.Node);
        return Task.FromResult(NodeOutcome.Next(WebhookRequest.Empty(settings.Method, settings.Path)));
    }
}
