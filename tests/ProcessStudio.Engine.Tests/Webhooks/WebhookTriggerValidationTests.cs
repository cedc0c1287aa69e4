using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Tests.Webhooks;

/// <summary>The Webhook trigger's settings as the validator checks them: each problem names the node and the setting.</summary>
public sealed class WebhookTriggerValidationTests : IDisposable
{
    private readonly ServiceProvider _services = EngineServices.Build();

    public void Dispose() => _services.Dispose();

    private IReadOnlyList<ValidationProblem> Errors(object settings) =>
        _services.GetRequiredService<IWorkflowValidator>()
            .Validate(Hook(settings))
            .Where(p => p.Severity == ProblemSeverity.Error)
            .ToList();

    private static WorkflowDefinition Hook(object settings) => new WorkflowBuilder("hook")
        .Node("hook", "webhook-trigger", settings)
        .Node("respond", "respond", new { status = 201 })
        .Chain("hook", "respond")
        .Build();

    [Fact]
    public void A_plain_hook_with_a_nested_path_is_valid() =>
        Errors(new { path = "orders/new-v2", method = "POST" }).Should().BeEmpty();

    [Fact]
    public void The_path_is_required() =>
        Errors(new { method = "POST" }).Should().ContainSingle(p => p.NodeId == "hook" && p.Setting == "path" && p.Code == "setting.required");

    [Theory]
    [InlineData("orders new")]
    [InlineData("orders//new")]
    [InlineData("orders/../admin")]
    [InlineData("ordérs")]
    [InlineData("orders?x=1")]
    public void Paths_with_characters_a_url_cannot_carry_plainly_are_refused(string path) =>
        Errors(new { path }).Should().ContainSingle(p => p.NodeId == "hook" && p.Setting == "path" && p.Message.Contains("the path"));

    [Fact]
    public void A_path_longer_than_the_limit_is_refused() =>
        Errors(new { path = new string('a', 201) }).Should().ContainSingle(p => p.Setting == "path" && p.Message.Contains("longer than 200"));

    [Fact]
    public void A_checked_hook_needs_its_secret() =>
        Errors(new { path = "signed", authentication = "hmac-sha256" })
            .Should().ContainSingle(p => p.NodeId == "hook" && p.Setting == "secret" && p.Code == "setting.required");

    [Fact]
    public void An_unchecked_hook_needs_no_secret() => Errors(new { path = "open", authentication = "none" }).Should().BeEmpty();

    [Fact]
    public void A_header_name_with_spaces_is_refused() =>
        Errors(new { path = "t", authentication = "header-token", secret = "x", headerName = "X Token" })
            .Should().ContainSingle(p => p.Setting == "headerName");

    [Theory]
    [InlineData("0s")]
    [InlineData("10m")]
    public void The_wait_timeout_must_be_positive_and_at_most_five_minutes(string timeout) =>
        Errors(new { path = "w", responseMode = "wait", responseTimeout = timeout }).Should().ContainSingle(p => p.Setting == "responseTimeout");

    [Fact]
    public void Unknown_methods_are_refused() =>
        Errors(new { path = "m", method = "TRACE" }).Should().ContainSingle(p => p.Setting == "method");

    [Fact]
    public void The_respond_status_must_be_an_http_status() =>
        _services.GetRequiredService<IWorkflowValidator>()
            .Validate(new WorkflowBuilder("r").Node("hook", "webhook-trigger", new { path = "r" }).Node("respond", "respond", new { status = 42 }).Chain("hook", "respond").Build())
            .Should().ContainSingle(p => p.NodeId == "respond" && p.Setting == "status");
}
