using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Connections;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Connections;

/// <summary>
/// /api/v1/connections: named connections for nodes. Reading names and plain fields needs View (the designer lists
/// them); writing and testing needs Administer. No route ever returns a secret value.
/// </summary>
public static class ConnectionEndpoints
{
    public static void MapConnectionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connections").WithTags("Connections").AddEndpointFilter<ConnectionErrorFilter>();
        group.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.View);
        group.MapGet("/types", ListTypes).RequireAuthorization(AccessPolicies.View);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AccessPolicies.View);
        group.MapPost("/", CreateAsync).RequireAuthorization(AccessPolicies.Administer);
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(AccessPolicies.Administer);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AccessPolicies.Administer);
        group.MapPost("/test", TestUnsavedAsync).RequireAuthorization(AccessPolicies.Administer);
        group.MapPost("/{id:guid}/test", TestSavedAsync).RequireAuthorization(AccessPolicies.Administer);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ConnectionService connections, ConnectionTypeCatalog types, CancellationToken ct)
    {
        var type = new QueryReader(request.Query).String("type");
        var list = await connections.ListAsync(type, ct);
        return ApiResults.Ok(list.Select(c => ConnectionDto.From(c, types)).ToList());
    }

    private static IResult ListTypes(ConnectionTypeCatalog types) => ApiResults.Ok(types.All);

    private static async Task<IResult> GetAsync(Guid id, ConnectionService connections, ConnectionTypeCatalog types, CancellationToken ct) =>
        ApiResults.Ok(ConnectionDto.From(await connections.GetAsync(id, ct) ?? throw new NotFoundException("Connection", id), types));

    private static async Task<IResult> CreateAsync(HttpRequest request, ConnectionService connections, ConnectionTypeCatalog types, CancellationToken ct)
    {
        var input = await request.ReadJsonAsync<ConnectionInput>(ct);
        var created = await connections.CreateAsync(input, ct);
        return ApiResults.Created($"{ApiSetup.BasePath}/connections/{created.Id}", ConnectionDto.From(created, types));
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpRequest request, ConnectionService connections, ConnectionTypeCatalog types, CancellationToken ct)
    {
        var input = await request.ReadJsonAsync<ConnectionInput>(ct);
        var updated = await connections.UpdateAsync(id, input, ct) ?? throw new NotFoundException("Connection", id);
        return ApiResults.Ok(ConnectionDto.From(updated, types));
    }

    private static async Task<IResult> DeleteAsync(Guid id, ConnectionService connections, CancellationToken ct)
    {
        if (!await connections.DeleteAsync(id, ct))
            throw new NotFoundException("Connection", id);
        return ApiResults.Ok(new DeletedDto(id, true));
    }

    /// <summary>Tries values before they are saved (the body is a create request).</summary>
    private static async Task<IResult> TestUnsavedAsync(HttpRequest request, ConnectionService connections, CancellationToken ct)
    {
        var input = await request.ReadJsonAsync<ConnectionInput>(ct);
        return ApiResults.Ok(ConnectionTestDto.From((await connections.TestAsync(null, input, ct))!));
    }

    /// <summary>Tries the saved connection, or with a body the edited values (omitted secrets come from the saved ones).</summary>
    private static async Task<IResult> TestSavedAsync(Guid id, HttpRequest request, ConnectionService connections, CancellationToken ct)
    {
        var input = await request.ReadOptionalJsonAsync<ConnectionInput>(ct);
        var result = await connections.TestAsync(id, input, ct) ?? throw new NotFoundException("Connection", id);
        return ApiResults.Ok(ConnectionTestDto.From(result));
    }
}
