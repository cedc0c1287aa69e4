using ProcessStudio.Web.Api;

namespace ProcessStudio.Web.Security;

/// <summary>401 and 403 as problem details for programs (the API and the hub), where a redirect to the login page would be useless.</summary>
public static class SecurityProblems
{
    public static bool IsForPrograms(HttpRequest request) =>
        request.Path.StartsWithSegments(ApiSetup.BasePath) || request.Path.StartsWithSegments("/hubs");

    public static Task WriteUnauthorizedAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "Sign in, or send an API key in the X-Api-Key header.");

    public static Task WriteForbiddenAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
            "Your role does not allow this. Ask an Admin for a role that does.");

    private static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["success"] = false }).ExecuteAsync(context);
}
