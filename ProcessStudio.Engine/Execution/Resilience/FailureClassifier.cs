using Polly.Timeout;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Nodes.Actions;

namespace ProcessStudio.Engine.Execution.Resilience;

/// <summary>Names the kind of a node failure, for retry decisions ("retryOn") and for the error output.</summary>
public static class FailureClassifier
{
    public const string Timeout = "timeout";
    public const string TransientHttp = "transient-http";
    /// <summary>Failures a node marks as transient (<see cref="TransientFailureException"/>): refused connections, busy servers.</summary>
    public const string Transient = "transient";
    public const string Http5xx = "http-5xx";
    public const string Http429 = "http-429";
    public const string Any = "any";

    public static bool IsTimeout(Exception error) => error is TimeoutRejectedException or TimeoutException;

    /// <summary>Connection failures and 5xx, 408 and 429 responses: failures that may pass on a later attempt.</summary>
    public static bool IsTransientHttp(Exception error) =>
        error is HttpRequestException || error is HttpStatusException { IsTransient: true };

    public static bool Matches(Exception error, IEnumerable<string> retryOn) => retryOn.Any(kind => kind switch
    {
        Any => error is not OperationCanceledException || IsTimeout(error),
        Timeout => IsTimeout(error),
        TransientHttp => IsTransientHttp(error),
        Transient => error is TransientFailureException,
        Http5xx => error is HttpStatusException { StatusCode: >= 500 },
        Http429 => error is HttpStatusException { StatusCode: 429 },
        _ => false,
    });

    public static string TypeName(Exception error) => error switch
    {
        NodeFailedException failed => failed.ErrorType,
        TimeoutRejectedException or TimeoutException => "Timeout",
        HttpRequestException => "HttpRequest",
        Expressions.ExpressionException => "Expression",
        _ => error.GetType().Name,
    };
}
