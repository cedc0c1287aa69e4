using System.Text.Json.Nodes;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>Workflow bodies of the wrong JSON shape: not JSON, wrong types, nulls where objects belong.</summary>
public sealed class JsonShapeTests(HostileApp app) : HostileGroup(app)
{
    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_problem_naming_the_field(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    private static readonly HostileCase[] Cases =
    [
        new("empty body", PostWorkflow(""), "body"),
        new("unclosed object", PostWorkflow("{"), "$"),
        new("JSON null", PostWorkflow("null"), "$"),
        new("JSON array", PostWorkflow("[]"), "$"),
        new("JSON number", PostWorkflow("42"), "$"),
        new("JSON string", PostWorkflow("\"workflow\""), "$"),
        new("JSON true", PostWorkflow("true"), "$"),
        new("trailing garbage", PostWorkflow("{\"name\":\"x\"} trailing"), "$"),
        new("single quotes", PostWorkflow("{'name':'x'}"), "$"),
        new("unquoted property", PostWorkflow("{name:\"x\"}"), "$"),
        new("nested 2000 deep", PostWorkflow(new string('[', 2000) + new string(']', 2000)), "$"),
        new("nodes null", PostWorkflow(w => w["nodes"] = null), "nodes"),
        new("nodes an object", PostWorkflow(w => w["nodes"] = new JsonObject()), "nodes"),
        new("nodes a string", PostWorkflow(w => w["nodes"] = "nodes"), "nodes"),
        new("a null node", PostWorkflow(w => w["nodes"]!.AsArray().Add(null)), "nodes[3]"),
        new("only a null node", PostWorkflow(w => w["nodes"] = new JsonArray((JsonNode?)null)), "nodes[0]"),
        new("a node that is a number", PostWorkflow(w => w["nodes"]!.AsArray().Add(1)), "nodes[3]"),
        new("a node that is an array", PostWorkflow(w => w["nodes"]!.AsArray().Add(new JsonArray())), "nodes[3]"),
        new("connections null", PostWorkflow(w => w["connections"] = null), "connections"),
        new("a null connection", PostWorkflow(w => w["connections"]!.AsArray().Add(null)), "connections[2]"),
        new("a connection that is a string", PostWorkflow(w => w["connections"]!.AsArray().Add("a->b")), "connections[2]"),
        new("variables null", PostWorkflow(w => w["variables"] = null), "variables"),
        new("a null variable", PostWorkflow(w => w["variables"]!.AsArray().Add(null)), "variables[1]"),
        new("settings null", PostWorkflow(w => w["settings"] = null), "settings"),
        new("settings an array", PostWorkflow(w => w["settings"] = new JsonArray()), "settings"),
        new("name null", PostWorkflow(w => w["name"] = null), "name"),
        new("name a number", PostWorkflow(w => w["name"] = 5), "name"),
        new("name an object", PostWorkflow(w => w["name"] = new JsonObject()), "name"),
        new("id not a GUID", PostWorkflow(w => w["id"] = "not-a-guid"), "id"),
        new("id a number", PostWorkflow(w => w["id"] = 5), "id"),
        new("schema version from the future", PostWorkflow(w => w["schemaVersion"] = 99), "schemaVersion"),
        new("schema version a string", PostWorkflow(w => w["schemaVersion"] = "one"), "schemaVersion"),
        new("schema version beyond int", PostWorkflow(w => w["schemaVersion"] = 1e12), "schemaVersion"),
        new("node type null", PostWorkflow(w => Node(w, 1)["type"] = null), "type"),
        new("node id null", PostWorkflow(w => Node(w, 1)["id"] = null), "id"),
        new("node name null", PostWorkflow(w => Node(w, 1)["name"] = null), "name"),
        new("node settings null", PostWorkflow(w => Node(w, 1)["settings"] = null), "settings"),
        new("node settings an array", PostWorkflow(w => Node(w, 1)["settings"] = new JsonArray()), "settings"),
        new("node settings a string", PostWorkflow(w => Node(w, 1)["settings"] = "x"), "settings"),
        new("node position null", PostWorkflow(w => Node(w, 1)["position"] = null), "position"),
        new("node position text", PostWorkflow(w => Node(w, 1)["position"] = new JsonObject { ["x"] = "left", ["y"] = 0 }), "position"),
        new("node policy null", PostWorkflow(w => Node(w, 1)["policy"] = null), "policy"),
        new("node timeout beyond int", PostWorkflow(w => Node(w, 1)["policy"] = new JsonObject { ["timeoutMs"] = 1e20 }), "timeoutMs"),
        new("node disabled as text", PostWorkflow(w => Node(w, 1)["disabled"] = "yes"), "disabled"),
        new("null retryOn entry", PostWorkflow(w => Node(w, 1)["policy"] = JsonNode.Parse("""{"retryPolicy":"Custom","custom":{"retryOn":[null]}}""")), "retryOn"),
    ];
}
