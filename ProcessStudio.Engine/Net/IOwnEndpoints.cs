using System.Net;

namespace ProcessStudio.Engine.Net;

/// <summary>The addresses and ports this app listens on, so workflows cannot call the app itself (the host supplies them).</summary>
public interface IOwnEndpoints
{
    IReadOnlyCollection<IPEndPoint> Current { get; }
}

/// <summary>For hosts that do not listen (tests, benchmarks): nothing is the app's own.</summary>
public sealed class NoOwnEndpoints : IOwnEndpoints
{
    public IReadOnlyCollection<IPEndPoint> Current => [];
}
