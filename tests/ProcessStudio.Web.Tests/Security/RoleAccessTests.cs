using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Security;

/// <summary>Each role may use exactly the routes its policy allows; the others answer 403 before anything happens.</summary>
public sealed class RoleAccessTests(RoleKeysFixture app) : IClassFixture<RoleKeysFixture>
{
    private static readonly string Id = Guid.NewGuid().ToString();

    /// <summary>Every API route with the least role it needs. Ids do not exist, so allowed calls change nothing (404/400).</summary>
    public static readonly TheoryData<string, string, string> Routes = new()
    {
        { "GET", "/api/v1/workflows", AccessPolicies.View },
        { "POST", "/api/v1/workflows", AccessPolicies.Edit },
        { "POST", "/api/v1/workflows/validate", AccessPolicies.View },
        { "GET", $"/api/v1/workflows/{Id}", AccessPolicies.View },
        { "PUT", $"/api/v1/workflows/{Id}", AccessPolicies.Edit },
        { "DELETE", $"/api/v1/workflows/{Id}", AccessPolicies.Edit },
        { "POST", $"/api/v1/workflows/{Id}/validate", AccessPolicies.View },
        { "GET", $"/api/v1/workflows/{Id}/versions", AccessPolicies.View },
        { "GET", $"/api/v1/workflows/{Id}/versions/1", AccessPolicies.View },
        { "POST", $"/api/v1/workflows/{Id}/versions/1/restore", AccessPolicies.Edit },
        { "GET", $"/api/v1/workflows/{Id}/export", AccessPolicies.View },
        { "POST", "/api/v1/workflows/import", AccessPolicies.Edit },
        { "POST", $"/api/v1/workflows/{Id}/nodes/n1/test", AccessPolicies.Edit },
        { "GET", "/api/v1/executions", AccessPolicies.View },
        { "POST", "/api/v1/executions", AccessPolicies.Operate },
        { "GET", $"/api/v1/executions/{Id}", AccessPolicies.View },
        { "DELETE", $"/api/v1/executions/{Id}", AccessPolicies.Operate },
        { "POST", $"/api/v1/executions/{Id}/pause", AccessPolicies.Operate },
        { "POST", $"/api/v1/executions/{Id}/resume", AccessPolicies.Operate },
        { "POST", $"/api/v1/executions/{Id}/cancel", AccessPolicies.Operate },
        { "POST", $"/api/v1/executions/{Id}/step", AccessPolicies.Operate },
        { "POST", $"/api/v1/executions/{Id}/retry", AccessPolicies.Operate },
        { "POST", $"/api/v1/executions/{Id}/compensate", AccessPolicies.Operate },
        { "POST", "/api/v1/executions/bulk/cancel", AccessPolicies.Operate },
        { "POST", "/api/v1/executions/bulk/delete", AccessPolicies.Operate },
        { "GET", $"/api/v1/executions/{Id}/logs", AccessPolicies.View },
        { "GET", $"/api/v1/executions/{Id}/memory", AccessPolicies.View },
        { "GET", $"/api/v1/executions/{Id}/metrics", AccessPolicies.View },
        { "GET", "/api/v1/executions/statistics", AccessPolicies.View },
        { "POST", "/api/v1/process-engine/executions/processes/execute", AccessPolicies.Operate },
        { "GET", $"/api/v1/process-engine/executions/processes/{Id}/status", AccessPolicies.View },
        { "POST", $"/api/v1/process-engine/executions/processes/{Id}/pause", AccessPolicies.Operate },
        { "GET", "/api/v1/users", AccessPolicies.Administer },
        { "POST", "/api/v1/users", AccessPolicies.Administer },
        { "PATCH", $"/api/v1/users/{Id}", AccessPolicies.Administer },
        { "GET", "/api/v1/api-keys", AccessPolicies.Administer },
        { "POST", "/api/v1/api-keys", AccessPolicies.Administer },
        { "DELETE", $"/api/v1/api-keys/{Id}", AccessPolicies.Administer },
        { "GET", "/api/v1/audit", AccessPolicies.Administer },
        { "GET", "/api/v1/outbox", AccessPolicies.Administer },
        { "POST", $"/api/v1/outbox/{Id}/retry", AccessPolicies.Administer },
        { "GET", "/api/v1/event-subscriptions", AccessPolicies.Administer },
        { "POST", "/api/v1/event-subscriptions", AccessPolicies.Administer },
        { "GET", $"/api/v1/event-subscriptions/{Id}", AccessPolicies.Administer },
        { "DELETE", $"/api/v1/event-subscriptions/{Id}", AccessPolicies.Administer },
        { "GET", $"/api/v1/event-subscriptions/{Id}/attempts", AccessPolicies.Administer },
        { "POST", $"/api/v1/event-subscriptions/{Id}/test", AccessPolicies.Administer },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_role_is_refused_exactly_the_routes_its_policy_does_not_allow(string method, string path, string policy)
    {
        foreach (var role in Roles.All)
        {
            var response = await app.ByRole[role].SendRawAsync(new HttpMethod(method), path, "{}");
            var allowed = AccessRules.RolesFor(policy).Contains(role);
            if (allowed)
                response.Status.Should().NotBe(HttpStatusCode.Forbidden, "{0} may {1} {2}: {3}", role, method, path, response.Body)
                    .And.NotBe(HttpStatusCode.Unauthorized);
            else
                response.ShouldBeProblem(HttpStatusCode.Forbidden);
        }
    }

    public static IEnumerable<object[]> RoutePaths => Routes.Select(route => route[..2]);

    [Theory]
    [MemberData(nameof(RoutePaths))]
    public async Task Without_credentials_every_route_answers_401_problem_not_a_login_redirect(string method, string path)
    {
        using var anonymous = app.Factory.AnonymousClient();
        var response = await new ApiClient(anonymous).SendRawAsync(new HttpMethod(method), path, "{}");
        response.ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Every_API_route_names_an_access_policy_except_health_and_the_unknown_route_fallback()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Where(e => e.RoutePattern.RawText is not "/api/v1/health" and not "/api/v1/{**path}")
            .ToList();

        endpoints.Should().NotBeEmpty();
        endpoints.Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => AccessRules.Policies.Contains(a.Policy)))
            .Select(e => e.DisplayName).Should().BeEmpty("every API route needs .RequireAuthorization(AccessPolicies.X)");
    }

    [Fact]
    public async Task Health_stays_anonymous()
    {
        using var anonymous = app.Factory.AnonymousClient();
        (await anonymous.GetAsync("/api/v1/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

/// <summary>One app with an API key per role.</summary>
public sealed class RoleKeysFixture : IAsyncLifetime
{
    private readonly AppFixture _app = new();

    public AppFactory Factory => _app.Factory;
    public IReadOnlyDictionary<string, ApiClient> ByRole { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        var clients = new Dictionary<string, ApiClient>();
        foreach (var role in Roles.All)
            clients[role] = (await Factory.ClientWithKeyAsync(_app.Api, role, $"matrix-{role}")).Client;
        ByRole = clients;
    }

    public Task DisposeAsync() => _app.DisposeAsync();
}
