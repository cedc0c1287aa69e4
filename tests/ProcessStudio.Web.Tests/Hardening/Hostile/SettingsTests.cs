using System.Text.Json.Nodes;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>Workflow settings, node policies and node settings outside what their schema allows.</summary>
public sealed class SettingsTests(HostileApp app) : HostileGroup(app)
{
    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_problem_naming_the_field(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    private static Func<HostileApp, HttpRequestMessage> Setting(string name, JsonNode? value) => PostWorkflow(w => w["settings"]![name] = value);

    private static Func<HostileApp, HttpRequestMessage> Policy(string json) => PostWorkflow(w => Node(w, 2)["policy"] = JsonNode.Parse(json));

    private static readonly HostileCase[] Cases =
    [
        new("max concurrency 0", Setting("maxConcurrency", 0), "settings.maxConcurrency"),
        new("max concurrency negative", Setting("maxConcurrency", -5), "settings.maxConcurrency"),
        new("max concurrency as text", Setting("maxConcurrency", "many"), "maxConcurrency"),
        new("max concurrency beyond int", Setting("maxConcurrency", 1e10), "maxConcurrency"),
        new("max concurrency fractional", Setting("maxConcurrency", 1.5), "maxConcurrency"),
        new("max activations 0", Setting("maxActivations", 0), "settings.maxActivations"),
        new("node timeout 0", Setting("nodeTimeoutMs", 0), "settings.nodeTimeoutMs"),
        new("node timeout negative", Setting("nodeTimeoutMs", -1), "settings.nodeTimeoutMs"),
        new("unknown default retry policy", Setting("defaultRetryPolicy", "Forever"), "settings.defaultRetryPolicy"),
        new("unknown durability", Setting("durability", "sometimes"), "durability"),
        new("checkpoint interval 0", Setting("checkpointIntervalMs", 0), "settings.checkpointIntervalMs"),
        new("default retry policy null", Setting("defaultRetryPolicy", null), "defaultRetryPolicy"),
        new("unknown node retry policy", Policy("""{"retryPolicy":"Sometimes"}"""), "policy.retryPolicy"),
        new("custom policy without its settings", Policy("""{"retryPolicy":"Custom"}"""), "policy.custom"),
        new("custom policy 101 retries", Policy("""{"retryPolicy":"Custom","custom":{"maxRetries":101}}"""), "policy.custom.maxRetries"),
        new("custom policy negative retries", Policy("""{"retryPolicy":"Custom","custom":{"maxRetries":-1}}"""), "policy.custom.maxRetries"),
        new("custom policy negative delay", Policy("""{"retryPolicy":"Custom","custom":{"delayMs":-1}}"""), "policy.custom.delayMs"),
        new("custom policy multiplier below 1", Policy("""{"retryPolicy":"Custom","custom":{"multiplier":0.5}}"""), "policy.custom.multiplier"),
        new("custom policy unknown retryOn", Policy("""{"retryPolicy":"Custom","custom":{"retryOn":["never"]}}"""), "policy.custom.retryOn"),
        new("custom policy unknown backoff", Policy("""{"retryPolicy":"Custom","custom":{"backoff":"Random"}}"""), "backoff"),
        new("node policy timeout 0", Policy("""{"timeoutMs":0}"""), "policy.timeoutMs"),
        new("HTTP method TRACE", PostNode("http-request", """{"method":"TRACE","url":"https://example.com"}"""), "nodes[n].settings.method"),
        new("HTTP without URL", PostNode("http-request", """{"method":"GET"}"""), "nodes[n].settings.url"),
        new("HTTP URL as a number", PostNode("http-request", """{"url":5}"""), "nodes[n].settings.url"),
        new("HTTP headers as text", PostNode("http-request", """{"url":"https://example.com","headers":"X-A: 1"}"""), "nodes[n].settings.headers"),
        new("HTTP fail-on-non-2xx as text", PostNode("http-request", """{"url":"https://example.com","failOnNon2xx":"yes"}"""), "nodes[n].settings.failOnNon2xx"),
        new("If without condition", PostNode("if", "{}"), "nodes[n].settings.condition"),
        new("For Each max parallel 0", PostNode("for-each", """{"items":"$json","mode":"parallel","maxParallel":0}"""), "nodes[n].settings.maxParallel"),
        new("For Each max parallel 65", PostNode("for-each", """{"items":"$json","mode":"parallel","maxParallel":65}"""), "nodes[n].settings.maxParallel"),
        new("For Each max parallel fractional", PostNode("for-each", """{"items":"$json","mode":"parallel","maxParallel":1.5}"""), "nodes[n].settings.maxParallel"),
        new("For Each unknown mode", PostNode("for-each", """{"items":"$json","mode":"sideways"}"""), "nodes[n].settings.mode"),
        new("Loop max iterations 0", PostNode("loop", """{"condition":"true","maxIterations":0}"""), "nodes[n].settings.maxIterations"),
        new("Loop max iterations 1e12", PostNode("loop", """{"condition":"true","maxIterations":1e12}"""), "nodes[n].settings.maxIterations"),
        new("Switch cases as text", PostNode("switch", """{"cases":"a,b"}"""), "nodes[n].settings.cases"),
        new("Switch case that is not an object", PostNode("switch", """{"cases":[5]}"""), "nodes[n].settings.cases[0]"),
        new("Switch duplicate cases", PostNode("switch", """{"cases":[{"name":"a","condition":"true"},{"name":"a","condition":"false"}]}"""), "nodes[n].settings.cases"),
        new("Log with an unknown level", PostNode("log", """{"message":"x","level":"loud"}"""), "nodes[n].settings.level"),
        new("Sub-workflow id not a GUID", PostNode("sub-workflow", """{"workflow":"nope"}"""), "nodes[n].settings.workflow"),
        new("Webhook unknown authentication", _ => Raw(HttpMethod.Post, Workflows, HookFlow("""{"path":"hostile/auth","authentication":"magic"}""")), "authentication"),
        new("Webhook path of another workflow", _ => Raw(HttpMethod.Post, Workflows, HookFlow($$"""{"path":"{{HostileApp.OpenHookPath}}"}""")), "path"),
    ];

    private static string HookFlow(string settings) =>
        $$"""{"name":"Hostile hook","nodes":[{"id":"hook","type":"webhook-trigger","name":"hook","settings":{{settings}}}],"connections":[]}""";
}
