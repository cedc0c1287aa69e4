using System.Net;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Operations;

/// <summary>
/// Every HTTP route the app maps appears in /openapi/v1.json. Routes come from the live endpoint table, so routes
/// added later are covered without touching this test. Left out, by kind rather than by name: UI pages, SignalR hubs,
/// framework paths (/_blazor, /_framework) and endpoints that opt out with ExcludeFromDescription (the API fallback).
/// </summary>
public sealed class OpenApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    private IReadOnlyList<(string Path, string Method)> DescribableRoutes() =>
        app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && e.Metadata.GetMetadata<HubMetadata>() is null)
            .Where(e => !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith('_'))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (OpenApiPath(e.RoutePattern), m.ToLowerInvariant())))
            .Distinct()
            .ToList();

    /// <summary>The path as OpenAPI writes it: parameters without constraints, defaults or catch-all stars.</summary>
    private static string OpenApiPath(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    [Fact]
    public async Task Every_route_appears_in_the_document_with_its_method()
    {
        var response = (await _api.GetAsync("/openapi/v1.json")).ShouldHave(HttpStatusCode.OK);
        var paths = response.Json["paths"]!.AsObject();

        var routes = DescribableRoutes();
        var missing = routes.Where(r => paths[r.Path]?[r.Method] is null).Select(r => $"{r.Method.ToUpperInvariant()} {r.Path}").ToList();

        routes.Should().Contain(("/health/ready", "get")).And.Contain(r => r.Path.StartsWith("/api/v1/executions"), "the table holds the real routes");
        missing.Should().BeEmpty("every route must be described in /openapi/v1.json");
    }

    [Fact]
    public async Task The_document_is_readable_without_credentials_and_names_the_api()
    {
        var response = (await _api.GetAsync("/openapi/v1.json")).ShouldHave(HttpStatusCode.OK);

        response.Json["openapi"]!.GetValue<string>().Should().StartWith("3.");
        response.Json["info"]!["title"]!.GetValue<string>().Should().Be("ProcessStudio API");
    }
}
