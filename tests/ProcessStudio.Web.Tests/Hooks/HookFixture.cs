using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hooks;

/// <summary>The real app with a small hook body limit and rate limit, so the limits are reachable in tests.</summary>
public sealed class HookFixture : IAsyncLifetime
{
    public const int MaxBodyBytes = 4096;
    public const int PermitLimit = 5;

    private readonly TempFolder _folder = new();

    public AppFactory Factory { get; private set; } = null!;
    public ApiClient Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new AppFactory(_folder.Path, new Dictionary<string, string?>
        {
            ["ProcessStudio:Webhooks:MaxBodyBytes"] = MaxBodyBytes.ToString(),
            ["ProcessStudio:Webhooks:RateLimit:PermitLimit"] = PermitLimit.ToString(),
            ["ProcessStudio:Webhooks:RateLimit:Window"] = "00:10:00",
        });
        Api = new ApiClient(Factory.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>A Webhook trigger (id "hook") followed by <paramref name="next"/>, linked one after another.</summary>
    public static WorkflowDefinition Flow(string name, object hookSettings, params NodeDefinition[] next)
    {
        var hook = TestWorkflows.Node("hook", "webhook-trigger", JsonNode.Parse(ApiClient.Serialize(hookSettings))!.AsObject());
        var all = new List<NodeDefinition> { hook };
        all.AddRange(next);
        for (var i = 0; i < all.Count; i++) all[i].Position = new Position(100 + 220 * i, 150);
        return new WorkflowDefinition
        {
            Name = name,
            Nodes = all,
            Connections = all.Zip(all.Skip(1), (from, to) => new Connection(from.Id, "out", to.Id)).ToList(),
        };
    }

    public static NodeDefinition Log(string message = "got {{ $json.body }}") => TestWorkflows.Node("log", "log", new JsonObject { ["message"] = message });

    public static HttpRequestMessage Request(HttpMethod method, string path, string? json = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, "/hooks/" + path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    /// <summary>How many runs the workflow has, by any mode: the proof that a refused request started nothing.</summary>
    public async Task<int> RunCountAsync(Guid workflowId)
    {
        var page = (await Api.GetAsync($"/api/v1/executions?workflowId={workflowId}")).ShouldHave(HttpStatusCode.OK);
        return page.Data["total"]!.GetValue<int>();
    }
}
