using System.Text.Json.Nodes;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>Durations that overflow, are negative, not finite, or not durations at all, in every setting that takes one.</summary>
public sealed class DurationTests(HostileApp app) : HostileGroup(app)
{
    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_problem_naming_the_field(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    private static HostileCase Delay(string name, JsonNode? duration) =>
        new($"Delay {name}", PostNode("delay", new JsonObject { ["duration"] = duration }), "nodes[n].settings.duration");

    private static readonly HostileCase[] Cases =
    [
        Delay("of 99999999999999999999d", "99999999999999999999d"),
        Delay("of 1000000000d", "1000000000d"),
        Delay("of 3651d", "3651d"),
        Delay("of 1e308 as text", "1e308"),
        Delay("of 1e308 as a number", 1e308),
        Delay("of -1 as a number", -1),
        Delay("of -0.5 as a number", -0.5),
        Delay("of -1 as text", "-1"),
        Delay("of more than ten years in ms", 315_360_000_001d),
        Delay("of NaN", "NaN"),
        Delay("of Infinity", "Infinity"),
        Delay("of -Infinity", "-Infinity"),
        Delay("of -01:00:00", "-01:00:00"),
        Delay("of 10000000.00:00:00", "10000000.00:00:00"),
        Delay("of 1.5.5s", "1.5.5s"),
        Delay("in weeks", "5 weeks"),
        Delay("of a unit alone", "s"),
        Delay("of an unknown unit", "5x"),
        Delay("with nine parts", "1d1d1d1d1d1d1d1d1d"),
        Delay("empty", ""),
        Delay("blank", "   "),
        Delay("as true", true),
        Delay("as an object", new JsonObject()),
        Delay("as an array", new JsonArray()),
        Delay("null", null),
        new("Wait until a duration of 1e308", PostNode("wait-until", """{"mode":"duration","duration":"1e308"}"""), "nodes[n].settings.duration"),
        new("HTTP timeout of 99999999999999999999d", PostNode("http-request", """{"url":"https://example.com","timeout":"99999999999999999999d"}"""),
            "nodes[n].settings.timeout"),
        new("approval timeout of -5s", PostNode("wait-for-approval", """{"title":"t","timeout":"-5s"}"""), "nodes[n].settings.timeout"),
        new("webhook response timeout of 1e308", _ => Raw(HttpMethod.Post, Workflows,
            """{"name":"Hostile wait hook","nodes":[{"id":"hook","type":"webhook-trigger","name":"hook","settings":{"path":"hostile/wait","responseMode":"wait","responseTimeout":"1e308"}}],"connections":[]}"""),
            "responseTimeout"),
    ];
}
