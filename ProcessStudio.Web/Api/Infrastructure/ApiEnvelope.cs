namespace ProcessStudio.Web.Api.Infrastructure;

/// <summary>Every successful API response: <c>{ "success": true, "data": ... }</c>.</summary>
public sealed record ApiEnvelope<T>(bool Success, T Data);

public static class ApiResults
{
    public static IResult Ok<T>(T data) => TypedResults.Ok(new ApiEnvelope<T>(true, data));

    public static IResult Created<T>(string location, T data) => TypedResults.Created(location, new ApiEnvelope<T>(true, data));
}

public sealed record DeletedDto(Guid Id, bool Deleted);
