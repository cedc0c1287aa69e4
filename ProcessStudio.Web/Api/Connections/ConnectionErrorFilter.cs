using ProcessStudio.Data.Stores;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Connections;

namespace ProcessStudio.Web.Api.Connections;

/// <summary>Turns the connection service's errors into the API's problem shapes (400 naming the field, 409 for conflicts).</summary>
public sealed class ConnectionErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ConnectionValidationException ex)
        {
            throw new ApiValidationException(ex.Errors, ex.Message);
        }
        catch (ConnectionNameTakenException ex)
        {
            throw new ApiConflictException(ex.Message);
        }
        catch (ConnectionSecretUnreadableException ex)
        {
            throw new ApiConflictException(ex.Message);
        }
        catch (ConnectionInUseException ex)
        {
            return ApiProblems.Conflict(ex.Message, new() { ["workflows"] = ex.Workflows });
        }
    }
}
