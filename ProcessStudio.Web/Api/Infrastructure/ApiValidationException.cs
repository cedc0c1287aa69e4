namespace ProcessStudio.Web.Api.Infrastructure;

/// <summary>Bad input: each entry names the field (query parameter, JSON path or body property) and what is wrong with it.</summary>
public sealed class ApiValidationException(IReadOnlyDictionary<string, string[]> errors, string? detail = null)
    : Exception(detail ?? "One or more request values are invalid.")
{
    public ApiValidationException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] }, message)
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The request body is larger than ProcessStudio:MaxRequestBodyBytes.</summary>
public sealed class PayloadTooLargeException(long limit)
    : Exception($"The request body exceeds the limit of {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>The request asks for something that conflicts with the current state (other than an engine transition).</summary>
public sealed class ApiConflictException(string message) : Exception(message);

/// <summary>The request is well-formed but cannot be processed as asked (422), e.g. an idempotency key reused for another request.</summary>
public sealed class ApiUnprocessableException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
