using ProcessStudio.Data.Security;

namespace ProcessStudio.Web.Api.Access;

public sealed record UserDto(Guid Id, string UserName, string Role, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UserDto From(UserAccount u) => new(u.Id, u.UserName, u.Role, u.IsDisabled, u.CreatedAt, u.UpdatedAt);
}

public sealed record CreateUserBody(string? UserName, string? Password, string? Role);

/// <summary>Any subset: a new role, the disabled flag, a new password.</summary>
public sealed record UpdateUserBody(string? Role, bool? Disabled, string? Password);

public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyDto From(ApiKeyRecord k) => new(k.Id, k.Name, k.Prefix, k.Role, k.CreatedBy, k.CreatedAt, k.RevokedAt);
}

/// <summary>The only response that ever contains the key itself.</summary>
public sealed record CreatedApiKeyDto(ApiKeyDto ApiKey, string Key);

public sealed record CreateApiKeyBody(string? Name, string? Role);

public sealed record AuditEntryDto(long Id, DateTimeOffset Timestamp, string Actor, string Action, string TargetType, string? TargetId, string? TargetName, string? Detail)
{
    public static AuditEntryDto From(AuditEntry a) => new(a.Id, a.Timestamp, a.Actor, a.Action, a.TargetType, a.TargetId, a.TargetName, a.Detail);
}

public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, int Total, int Offset, int Limit);
