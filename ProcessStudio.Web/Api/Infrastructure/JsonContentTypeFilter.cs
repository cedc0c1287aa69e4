namespace ProcessStudio.Web.Api.Infrastructure;

/// <summary>
/// The JSON API reads bodies as JSON, so a body sent as anything else (text/plain, a form) gets 415 naming the
/// Content-Type instead of being parsed anyway. Endpoints marked <see cref="AcceptsFormUpload"/> also take multipart.
/// </summary>
public sealed class JsonContentTypeFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HasBody(http.Request) || IsJson(http.Request.ContentType) || (IsMultipart(http.Request.ContentType) && AcceptsUploads(http)))
            return next(context);
        var accepted = AcceptsUploads(http) ? "application/json or multipart/form-data" : "application/json";
        return ValueTask.FromResult<object?>(ApiProblems.UnsupportedMediaType(http.Request.ContentType, accepted));
    }

    /// <summary>application/json or a +json type such as application/merge-patch+json.</summary>
    public static bool IsJson(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim() ?? "";
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsMultipart(string? contentType) =>
        contentType?.Split(';')[0].Trim().Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    public static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool AcceptsUploads(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<AcceptsFormUpload>() is not null;
}

/// <summary>Endpoint metadata: the endpoint also accepts a multipart/form-data upload.</summary>
public sealed class AcceptsFormUpload;
