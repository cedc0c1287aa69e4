using System.Security.Claims;
using ProcessStudio.Data.Security;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Access;

/// <summary>User management for Admins: list, create with a role, change role, disable, reset password.</summary>
public static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Access").RequireAuthorization(AccessPolicies.Administer);
        group.MapGet("/", async (AccountService accounts, CancellationToken ct) =>
            ApiResults.Ok((await accounts.ListAsync(ct)).Select(UserDto.From).ToList()));
        group.MapPost("/", CreateAsync);
        group.MapPatch("/{id:guid}", UpdateAsync);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal actor, AccountService accounts, AuditTrail audit, CancellationToken ct)
    {
        var body = await request.ReadJsonAsync<CreateUserBody>(ct);
        var user = await accounts.CreateAsync(body.UserName ?? "", body.Password ?? "", body.Role ?? "", ct);
        await audit.RecordAsync(actor, AuditAction.UserCreated, AuditTarget.User(user.Id, user.UserName), $"role {user.Role}", ct);
        return ApiResults.Created($"{ApiSetup.BasePath}/users/{user.Id}", UserDto.From(user));
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpRequest request, ClaimsPrincipal actor, AccountService accounts, AuditTrail audit, CancellationToken ct)
    {
        var body = await request.ReadJsonAsync<UpdateUserBody>(ct);
        if (body.Role is null && body.Disabled is null && body.Password is null)
            throw new ApiValidationException("body", "Give at least one of role, disabled or password.");

        var changes = new List<string>();
        UserAccount? user = null;
        if (body.Role is not null)
        {
            user = await accounts.ChangeRoleAsync(id, body.Role, ct);
            changes.Add($"role {user.Role}");
        }
        if (body.Disabled is { } disabled)
        {
            user = await accounts.SetDisabledAsync(id, disabled, ct);
            changes.Add(disabled ? "disabled" : "enabled");
        }
        if (body.Password is not null)
        {
            user = await accounts.ResetPasswordAsync(id, body.Password, ct);
            changes.Add("password reset");
        }
        await audit.RecordAsync(actor, AuditAction.UserChanged, AuditTarget.User(id, user!.UserName), string.Join(", ", changes), ct);
        return ApiResults.Ok(UserDto.From(user));
    }
}
