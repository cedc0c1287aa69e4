using ProcessStudio.Data.Security;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Access;

/// <summary>The audit trail, newest first, filtered by actor, action, target and time.</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/audit", QueryAsync).WithTags("Access").RequireAuthorization(AccessPolicies.Administer);

    private static async Task<IResult> QueryAsync(HttpRequest request, AuditTrail audit, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var filter = new AuditQuery(
            Actor: query.String("actor"),
            Action: query.OneOf("action", AuditAction.All.Select(a => a.Name).ToList()),
            TargetId: query.String("targetId"),
            From: query.Date("from"),
            To: query.Date("to"),
            Offset: query.Int("offset", 0, 0, int.MaxValue),
            Limit: query.Int("limit", 50, 1, 500));
        query.ThrowIfInvalid();
        var page = await audit.QueryAsync(filter, ct);
        return ApiResults.Ok(new AuditPageDto(page.Items.Select(AuditEntryDto.From).ToList(), page.Total, page.Offset, page.Limit));
    }
}
