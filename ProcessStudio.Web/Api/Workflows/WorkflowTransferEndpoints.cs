using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Validation;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Workflows;

/// <summary>Export a workflow as a JSON file, and import one from a JSON body or a multipart file upload.</summary>
public static partial class WorkflowTransferEndpoints
{
    public static void MapWorkflowTransferEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflows").WithTags("Workflows");
        group.MapGet("/{id:guid}/export", ExportAsync).RequireAuthorization(AccessPolicies.View);
        group.MapPost("/import", ImportAsync).RequireAuthorization(AccessPolicies.Edit).WithMetadata(new AcceptsFormUpload())
            .Audited(AuditAction.WorkflowImported, AuditTarget.WorkflowType);
    }

    private static async Task<IResult> ExportAsync(Guid id, HttpRequest request, IWorkflowStore store, SecretFilter secrets, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var version = query.Int("version", fallback: 0, min: 1, max: int.MaxValue);
        query.ThrowIfInvalid();

        var stored = version > 0 ? await store.GetVersionOrThrowAsync(id, version, ct) : await store.GetLatestOrThrowAsync(id, ct);
        var workflow = await secrets.ForReaderAsync(stored, user);
        var json = Encoding.UTF8.GetBytes(WorkflowJson.Serialize(workflow.Definition));
        return TypedResults.File(json, "application/json", $"{FileSlug(workflow.Definition.Name)}.v{workflow.Version}.json");
    }

    /// <summary>
    /// Imports a workflow. When its id is already taken it gets a new id, unless <c>?overwrite=true</c>, which saves it
    /// as a new version of the existing workflow.
    /// </summary>
    private static async Task<IResult> ImportAsync(HttpRequest request, IWorkflowStore store, IWorkflowValidator validator, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var overwrite = query.Bool("overwrite", fallback: false);
        query.ThrowIfInvalid();

        var definition = request.HasFormContentType ? await ReadUploadedFileAsync(request, ct) : await request.ReadWorkflowAsync(ct);
        var originalId = definition.Id == Guid.Empty ? (Guid?)null : definition.Id;
        var exists = originalId is { } existing && await store.GetLatestAsync(existing, ct) is not null;
        var idChanged = originalId is null || (exists && !overwrite);
        if (idChanged)
            definition.Id = Guid.NewGuid();

        var problems = validator.ValidateOrThrow(definition);
        // A new id must still be free when written: a racing import or create of the same id gets 409.
        var saved = await store.SaveAsync(definition, exists && overwrite ? "Imported (overwrite)" : "Imported",
            exists && overwrite ? ExpectedVersion.Any : ExpectedVersion.New, ct);
        var result = new WorkflowImportResultDto(WorkflowDetailDto.From(saved, problems), idChanged, originalId, exists && overwrite);
        return ApiResults.Created($"/api/v1/workflows/{saved.WorkflowId}", result);
    }

    private static async Task<WorkflowDefinition> ReadUploadedFileAsync(HttpRequest request, CancellationToken ct)
    {
        var form = await ReadFormAsync(request, ct);
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
            ?? throw new ApiValidationException("file", "Upload the workflow JSON as a multipart file field named 'file'.");
        if (file.Length > request.Limit())
            throw new PayloadTooLargeException(request.Limit());
        using var content = new MemoryStream();
        await file.CopyToAsync(content, ct);
        // Decoding would turn invalid bytes into U+FFFD silently; a workflow file is UTF-8 JSON.
        if (!Utf8.IsValid(content.GetBuffer().AsSpan(0, (int)content.Length)))
            throw new ApiValidationException("file", "The uploaded file is not valid UTF-8.");
        var json = Encoding.UTF8.GetString(content.GetBuffer(), 0, (int)content.Length).TrimStart('\uFEFF');   // editors may write a BOM
        if (string.IsNullOrWhiteSpace(json))
            throw new ApiValidationException("file", "The uploaded file is empty.");
        return RequestBody.ParseWorkflow(json);
    }

    /// <summary>A multipart body that cannot be read (no boundary, a cut-off part, too many parts) is the caller's error.</summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException and not BadHttpRequestException && !ct.IsCancellationRequested)
        {
            throw new ApiValidationException("file", $"The multipart upload cannot be read: {ex.Message}");
        }
    }

    private const int MaxSlugLength = 80;

    private static string FileSlug(string name)
    {
        // Cut before replacing: a name stored before the length limit must still give a header clients accept.
        var cut = name.Length > MaxSlugLength ? name[..MaxSlugLength] : name;
        var slug = NonSlugCharacters().Replace(cut.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "workflow" : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlugCharacters();
}
