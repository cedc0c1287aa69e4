using System.Net;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>
/// One hostile request and what a correct answer is: one of <paramref name="Statuses"/> (400 unless given) as a
/// problem whose errors name <paramref name="Field"/> (a fragment of one of the error keys) when one is given.
/// </summary>
public sealed record HostileCase(string Name, Func<HostileApp, HttpRequestMessage> Build, string? Field = null, HttpStatusCode[]? Statuses = null)
{
    public HttpStatusCode[] Expected => Statuses ?? [HttpStatusCode.BadRequest];

    public override string ToString() => Name;
}

/// <summary>A group of cases run as one theory: each name is a test case, looked up again when it runs.</summary>
public static class HostileCases
{
    public static TheoryData<string> Names(IEnumerable<HostileCase> cases)
    {
        var data = new TheoryData<string>();
        foreach (var c in cases) data.Add(c.Name);
        return data;
    }

    public static HostileCase Named(IEnumerable<HostileCase> cases, string name) => cases.Single(c => c.Name == name);
}
