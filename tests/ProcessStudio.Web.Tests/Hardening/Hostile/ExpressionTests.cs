using System.Text.Json.Nodes;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>Expressions and {{ }} templates that do not parse, nest too deeply or call what does not exist.</summary>
public sealed class ExpressionTests(HostileApp app) : HostileGroup(app)
{
    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_problem_naming_the_field(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    private static HostileCase Condition(string name, string expression) =>
        new($"If condition {name}", PostNode("if", new JsonObject { ["condition"] = expression }), "nodes[n].settings.condition");

    private static HostileCase Template(string name, string template) =>
        new($"Log template {name}", PostNode("log", new JsonObject { ["message"] = template }), "nodes[n].settings.message");

    private static readonly HostileCase[] Cases =
    [
        Condition("ending in a dot", "$json."),
        Condition("of an open parenthesis", "(("),
        Condition("of a close parenthesis", ")"),
        Condition("with a dangling operator", "$json.a +"),
        Condition("with two operators", "1 +* 2"),
        Condition("with an open index", "$json["),
        Condition("with an unterminated string", "'unterminated"),
        Condition("nested 10,000 deep", new string('(', 10_000) + "1" + new string(')', 10_000)),
        Condition("with an unknown function", "nosuchfunction(1)"),
        Condition("with a double dot", "$json..a"),
        Condition("of a lone coalesce", "$json.a ??"),
        Condition("of a lone question mark", "?"),
        Condition("of control characters", "\u0001\u0002"),
        Template("left open", "Hello {{ $json.name"),
        Template("that is empty", "Hello {{ }}"),
        Template("with a broken expression", "{{ 1 + }}"),
        Template("nested 10,000 deep", "{{ " + new string('[', 10_000) + " }}"),
        new("Set Variables value with a broken template", PostNode("set-variables", """{"variables":[{"name":"a","value":"{{ $json. }}"}]}"""),
            "nodes[n].settings.variables[0].value"),
        new("For Each items that do not parse", PostNode("for-each", """{"items":"$json.orders["}"""), "nodes[n].settings.items"),
        new("Switch case condition that does not parse", PostNode("switch", """{"cases":[{"name":"a","condition":"=="}]}"""),
            "nodes[n].settings.cases[0].condition"),
        new("HTTP URL template that does not parse", PostNode("http-request", """{"url":"https://x.test/{{ $json. }}"}"""), "nodes[n].settings.url"),
        new("HTTP header template that does not parse", PostNode("http-request", """{"url":"https://x.test","headers":{"X-A":"{{ ( }}"}}"""),
            "nodes[n].settings.headers"),
    ];
}
