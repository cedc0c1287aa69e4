using ProcessStudio.Engine.Nodes;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.NodeTypes;

/// <summary>GET /api/v1/node-types: the node catalogue, each type with its ports, settings schema and documentation.</summary>
public static class NodeTypeEndpoints
{
    public static void MapNodeTypeEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/node-types").WithTags("Node types").RequireAuthorization(AccessPolicies.View);
        group.MapGet("/", (INodeCatalog catalog) => ApiResults.Ok(catalog.All.Select(NodeTypeDto.From).ToList()));
        group.MapGet("/{type}", (string type, INodeCatalog catalog) =>
            ApiResults.Ok(NodeTypeDto.From(catalog.Find(type) ?? throw new Engine.Execution.NotFoundException("Node type", type))));
    }
}

/// <summary>A node type as the API describes it: what the designer's palette and properties panel are built from.</summary>
public sealed record NodeTypeDto(
    string Type,
    string DisplayName,
    NodeCategory Category,
    string Description,
    string Icon,
    IReadOnlyList<PortDescriptor> Inputs,
    IReadOnlyList<PortDescriptor> Outputs,
    IReadOnlyList<SettingDescriptor> Settings,
    NodeEndpoint? Endpoint,
    string? Docs)
{
    public static NodeTypeDto From(NodeDescriptor d) =>
        new(d.Type, d.DisplayName, d.Category, d.Description, d.Icon, d.Inputs, d.Outputs, d.Settings, d.Endpoint, NodeDocs.For(d.Type));
}
