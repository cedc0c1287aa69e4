using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace ProcessStudio.Engine.Execution.Resilience;

/// <summary>One circuit breaker per HTTP host, shared by every run, so a failing host is spared by all workflows at once.</summary>
public sealed class HttpCircuitBreakers(IOptions<EngineOptions> options, ILogger<HttpCircuitBreakers> logger)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _byHost = new(StringComparer.OrdinalIgnoreCase);

    public ResiliencePipeline<HttpResponseMessage> For(string host) => _byHost.GetOrAdd(host, Create);

    private ResiliencePipeline<HttpResponseMessage> Create(string host)
    {
        var settings = options.Value.CircuitBreaker;
        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = Math.Max(2, settings.MinimumThroughput),
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
                OnOpened = args =>
                {
                    logger.LogWarning("Circuit for host {Host} opened for {BreakDuration}", host, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("Circuit for host {Host} closed", host);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutException ||
        outcome.Result is { } response && ((int)response.StatusCode >= 500 || (int)response.StatusCode is 408 or 429);
}
