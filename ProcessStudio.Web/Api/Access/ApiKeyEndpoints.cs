using System.Security.Claims;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Access;

/// <summary>API keys for Admins. The key is in the create response only; afterwards just its prefix is shown.</summary>
public static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("Access").RequireAuthorization(AccessPolicies.Administer);
        group.MapGet("/", async (ApiKeyService keys, CancellationToken ct) =>
            ApiResults.Ok((await keys.ListAsync(ct)).Select(ApiKeyDto.From).ToList()));
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{id:guid}", RevokeAsync);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal actor, ApiKeyService keys, AuditTrail audit, CancellationToken ct)
    {
        var body = await request.ReadJsonAsync<CreateApiKeyBody>(ct);
        var created = await keys.CreateAsync(body.Name ?? "", body.Role ?? "", ActorClaims.ActorName(actor), ct);
        var record = created.Record;
        await audit.RecordAsync(actor, AuditAction.ApiKeyCreated, AuditTarget.ApiKey(record.Id, record.Name), $"role {record.Role}", ct);
        return ApiResults.Created($"{ApiSetup.BasePath}/api-keys/{record.Id}", new CreatedApiKeyDto(ApiKeyDto.From(record), created.Key));
    }

    private static async Task<IResult> RevokeAsync(Guid id, ClaimsPrincipal actor, ApiKeyService keys, AuditTrail audit, CancellationToken ct)
    {
        var key = (await keys.ListAsync(ct)).FirstOrDefault(k => k.Id == id) ?? throw new NotFoundException("API key", id);
        if (!await keys.RevokeAsync(id, ct))
            throw new ApiConflictException($"API key '{key.Name}' is already revoked.");
        await audit.RecordAsync(actor, AuditAction.ApiKeyRevoked, AuditTarget.ApiKey(id, key.Name), null, ct);
        return ApiResults.Ok(new DeletedDto(id, true));
    }
}
