using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Security;

/// <summary>
/// Workflows as the caller may read them: secret settings (a webhook's shared secret) are hidden from those who may
/// not edit the workflow, in the API, the export and the designer alike (docs/security.md).
/// </summary>
public sealed class SecretFilter(INodeCatalog catalog, IAuthorizationService authorization)
{
    public async Task<WorkflowVersion> ForReaderAsync(WorkflowVersion version, ClaimsPrincipal reader) =>
        (await authorization.AuthorizeAsync(reader, AccessPolicies.Edit)).Succeeded
            ? version
            : version with { Definition = SecretSettings.Redact(version.Definition, catalog) };
}
