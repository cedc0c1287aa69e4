using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Operations;

public sealed class HealthTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Live_reports_the_process_as_healthy()
    {
        var response = (await _api.GetAsync("/health/live")).ShouldHave(HttpStatusCode.OK);

        response.ContentType!.MediaType.Should().Be("application/json");
        response.Json["status"]!.GetValue<string>().Should().Be("healthy");
        response.Json["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("process");
    }

    [Fact]
    public async Task Ready_checks_the_database_and_the_engine_workers()
    {
        var response = (await _api.GetAsync("/health/ready")).ShouldHave(HttpStatusCode.OK);

        response.Json["status"]!.GetValue<string>().Should().Be("healthy");
        var checks = response.Json["checks"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
        checks.Keys.Should().BeEquivalentTo(["process", "database", "engine"]);
        checks.Values.Should().OnlyContain(c => c["status"]!.GetValue<string>() == "healthy");
        checks["engine"]["data"]!["queueDepth"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task The_api_health_route_still_answers()
    {
        var response = (await _api.GetAsync("/api/v1/health")).ShouldHave(HttpStatusCode.OK);

        response.Data["status"]!.GetValue<string>().Should().Be("ok");
    }
}

/// <summary>Its own app: it stops the engine, which the other tests need running.</summary>
public sealed class HealthWithStoppedEngineTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private AppFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new AppFactory(_folder.Path);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Ready_fails_with_503_naming_the_engine_when_its_workers_stopped()
    {
        var api = new ApiClient(_factory.CreateClient());
        var workers = _factory.Services.GetServices<IHostedService>().OfType<EngineWorkerService>().Single();

        await workers.StopAsync(CancellationToken.None);
        var ready = await api.GetAsync("/health/ready");
        var live = await api.GetAsync("/health/live");

        ready.ShouldHave(HttpStatusCode.ServiceUnavailable);
        ready.Json["status"]!.GetValue<string>().Should().Be("unhealthy");
        var engine = ready.Json["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "engine")!;
        engine["status"]!.GetValue<string>().Should().Be("unhealthy");
        engine["description"]!.GetValue<string>().Should().Be("The engine workers have stopped.");
        live.ShouldHave(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _folder.Dispose();
    }
}
