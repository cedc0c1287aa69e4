using System.Security.Claims;
using ProcessStudio.Data.Security;

namespace ProcessStudio.Web.Security;

/// <summary>The claims a signed-in user or an API key carries, and how the audit trail names them.</summary>
public static class ActorClaims
{
    public const string SecurityStamp = "ps:stamp";
    public const string ApiKeyScheme = "ApiKey";

    public static ClaimsPrincipal ForUser(UserAccount user, string authenticationType) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.UserName),
            new Claim(ClaimTypes.Role, user.Role),
            new Claim(SecurityStamp, user.SecurityStamp),
        ], authenticationType, ClaimTypes.Name, ClaimTypes.Role));

    public static ClaimsPrincipal ForApiKey(ApiKeyRecord key) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new Claim(ClaimTypes.Name, key.Name),
            new Claim(ClaimTypes.Role, key.Role),
        ], ApiKeyScheme, ClaimTypes.Name, ClaimTypes.Role));

    public static Guid? UserId(ClaimsPrincipal principal) =>
        principal.Identity?.AuthenticationType != ApiKeyScheme && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>"alice" for a user, "API key 'deploy-bot'" for a key: the name shown in audit entries and run logs.</summary>
    public static string ActorName(ClaimsPrincipal principal) => principal.Identity switch
    {
        { IsAuthenticated: true, AuthenticationType: ApiKeyScheme, Name: var name } => $"API key '{name}'",
        { IsAuthenticated: true, Name: { } name } => name,
        _ => "anonymous",
    };
}
