using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Nodes;

/// <summary>
/// A node failure that may pass on a later attempt (a refused connection, a busy server). Retry policies that retry
/// "transient" failures (the Default policy does) try again; everything else treats it like any node failure.
/// </summary>
public sealed class TransientFailureException(string message, string errorType, JsonNode? details = null, Exception? inner = null)
    : NodeFailedException(message, errorType, details, inner);
