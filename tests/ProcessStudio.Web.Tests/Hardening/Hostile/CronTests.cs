using System.Text.Json.Nodes;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>
/// Schedule triggers with cron expressions and time zones no cron library accepts. Only the 4xx is asserted, not the
/// wording, which belongs to the cron library.
/// </summary>
public sealed class CronTests(HostileApp app) : HostileGroup(app)
{
    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_4xx_problem(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    private static Func<HostileApp, HttpRequestMessage> Schedule(JsonNode? cron, string? timezone = null, string? misfire = null) => _ =>
    {
        var settings = new JsonObject { ["cron"] = cron };
        if (timezone is not null) settings["timezone"] = timezone;
        if (misfire is not null) settings["misfirePolicy"] = misfire;
        var workflow = new JsonObject
        {
            ["name"] = "Hostile schedule",
            ["nodes"] = new JsonArray(new JsonObject { ["id"] = "tick", ["type"] = "schedule-trigger", ["name"] = "tick", ["settings"] = settings }),
            ["connections"] = new JsonArray(),
        };
        return Raw(HttpMethod.Post, Workflows, workflow.ToJsonString());
    };

    private static HostileCase Cron(string expression) => new($"cron '{expression}'", Schedule(expression));

    private static readonly HostileCase[] Cases =
    [
        Cron("* * *"),
        Cron("* * * *"),
        Cron("* * * * * * * *"),
        Cron("61 * * * *"),
        Cron("* 25 * * *"),
        Cron("* * 32 * *"),
        Cron("* * 0 * *"),
        Cron("* * * 13 *"),
        Cron("* * * 0 *"),
        Cron("* * * * 8"),
        Cron("a b c d e"),
        Cron("1-100 * * * *"),
        Cron("L * * * *"),
        Cron("99999999999999999999 * * * *"),
        Cron("-1 * * * *"),
        Cron("* * * * * ?"),
        Cron(",,,,, * * * *"),
        Cron("@every 5m"),
        Cron(new string('*', 5_000)),
        new("cron as a number", Schedule(5)),
        new("cron as an object", Schedule(new JsonObject())),
        new("cron missing", Schedule(null)),
        new("unknown time zone", Schedule("0 9 * * *", timezone: "Mars/Olympus_Mons")),
        new("time zone with a path", Schedule("0 9 * * *", timezone: "../../etc/passwd")),
        new("unknown misfire mode", Schedule("0 9 * * *", misfire: "sometimes")),
    ];
}
