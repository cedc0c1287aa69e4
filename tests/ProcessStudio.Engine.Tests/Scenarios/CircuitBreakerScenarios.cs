using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using Reply = ProcessStudio.Engine.Tests.Support.LocalHttpServer.Reply;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>The per-host circuit breaker is shared across runs: once it opens, further runs fail fast without calling the host.</summary>
public abstract class CircuitBreakerScenarios : EngineScenarioBase
{
    private readonly LocalHttpServer _server = new();

    protected override void ConfigureEngine(EngineOptions options)
    {
        options.CircuitBreaker.MinimumThroughput = 3;
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.BreakDuration = TimeSpan.FromMinutes(1);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_for_the_host_across_runs()
    {
        _server.Script("/down", new Reply(503, "{}"));
        var workflow = new WorkflowBuilder("breaker")
            .Trigger()
            .Node("call", "http-request", new { url = _server.Url("/down") }, n => n.Policy.RetryPolicy = RetryPolicyNames.None)
            .Chain("start", "call")
            .Build();

        for (var i = 0; i < 3; i++)
            (await RunAsync(workflow)).ErrorMessage.Should().Contain("HTTP 503");
        var refused = await RunAsync(workflow);

        refused.Status.Should().Be(ExecutionStatus.Failed);
        refused.ErrorMessage.Should().Contain("circuit for host 127.0.0.1").And.Contain("is open");
        _server.Hits("/down").Should().Be(3, "an open circuit does not call the host");
    }
}

public sealed class InMemoryCircuitBreakerScenarios : CircuitBreakerScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
