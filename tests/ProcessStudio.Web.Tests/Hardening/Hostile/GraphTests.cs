using System.Text.Json.Nodes;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>Well-formed JSON describing a broken graph: dangling or null connection ends, missing triggers, clashing ids and names.</summary>
public sealed class GraphTests(HostileApp app) : HostileGroup(app)
{
    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_problem_naming_the_field(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    private static readonly HostileCase[] Cases =
    [
        new("connection source null", PostWorkflow(w => Connection(w, 0)["sourceNodeId"] = null), "sourceNodeId"),
        new("connection target null", PostWorkflow(w => Connection(w, 0)["targetNodeId"] = null), "targetNodeId"),
        new("connection source port null", PostWorkflow(w => Connection(w, 0)["sourcePort"] = null), "sourcePort"),
        new("connection target port null", PostWorkflow(w => Connection(w, 0)["targetPort"] = null), "targetPort"),
        new("connection without source", PostWorkflow(w => Connection(w, 0).Remove("sourceNodeId")), "connections[0]"),
        new("connection without target", PostWorkflow(w => Connection(w, 0).Remove("targetNodeId")), "connections[0]"),
        new("connection source a number", PostWorkflow(w => Connection(w, 0)["sourceNodeId"] = 1), "sourceNodeId"),
        new("connection to a missing node", PostWorkflow(w => Connection(w, 0)["targetNodeId"] = "ghost"), "nodes[start]"),
        new("connection from a missing node", PostWorkflow(w => Connection(w, 1)["sourceNodeId"] = "ghost"), "nodes[log]"),
        new("unknown output port", PostWorkflow(w => Connection(w, 0)["sourcePort"] = "sideways"), "nodes[start]"),
        new("unknown input port", PostWorkflow(w => Connection(w, 0)["targetPort"] = "back-door"), "nodes[greet]"),
        new("into the trigger", PostWorkflow(w => w["connections"]!.AsArray().Add(Link("log", "out", "start"))), "nodes[start]"),
        new("no trigger", PostWorkflow(w => Node(w, 0)["type"] = "log"), "workflow"),
        new("two triggers", PostWorkflow(w => Node(w, 1)["type"] = "manual-trigger"), "nodes[greet]"),
        new("duplicate node id", PostWorkflow(w => Node(w, 2)["id"] = "greet"), "nodes[greet]"),
        new("empty node id", PostWorkflow(w => Node(w, 2)["id"] = ""), "nodes"),
        new("blank node id", PostWorkflow(w => Node(w, 2)["id"] = "   "), "nodes"),
        new("unknown node type", PostWorkflow(w => Node(w, 2)["type"] = "teleport"), "nodes[log].type"),
        new("empty node type", PostWorkflow(w => Node(w, 2)["type"] = ""), "nodes[log].type"),
        new("empty node name", PostWorkflow(w => Node(w, 2)["name"] = ""), "nodes[log].name"),
        new("duplicate node names", PostWorkflow(w => Node(w, 2)["name"] = "greet"), "nodes[log].name"),
        new("variable with an empty name", PostWorkflow(w => w["variables"]!.AsArray().Add(new JsonObject { ["name"] = "" })), "variables[1].name"),
        new("variable with a blank name", PostWorkflow(w => w["variables"]!.AsArray().Add(new JsonObject { ["name"] = "  " })), "variables[1].name"),
        new("variable name with spaces around", PostWorkflow(w => w["variables"]!.AsArray().Add(new JsonObject { ["name"] = " total " })), "variables[1].name"),
        new("duplicate variable names", PostWorkflow(w => w["variables"]!.AsArray().Add(new JsonObject { ["name"] = "greeting" })), "variables[1].name"),
        new("variable name null", PostWorkflow(w => w["variables"]!.AsArray().Add(new JsonObject { ["name"] = null })), "variables[1].name"),
        new("variable without a name", PostWorkflow(w => w["variables"]!.AsArray().Add(new JsonObject { ["default"] = 1 })), "variables[1]"),
        new("error workflow id not a GUID", PostWorkflow(w => w["settings"]!["errorWorkflowId"] = "nope"), "errorWorkflowId"),
    ];

    private static JsonObject Link(string from, string port, string to) =>
        new() { ["sourceNodeId"] = from, ["sourcePort"] = port, ["targetNodeId"] = to, ["targetPort"] = "in" };
}
