using System.Text;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>Text that is not text: invalid UTF-8 bytes, lone surrogates, control characters, blank names.</summary>
public sealed class StringTests(HostileApp app) : HostileGroup(app)
{
    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_problem_naming_the_field(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    /// <summary>A valid workflow whose name is replaced by the given raw bytes.</summary>
    private static Func<HostileApp, HttpRequestMessage> WorkflowNamed(params byte[] name) => _ =>
    {
        var parts = Changed(w => w["name"] = "NAME_HERE").Split("NAME_HERE");
        return Bytes(HttpMethod.Post, Workflows, [.. Encoding.UTF8.GetBytes(parts[0]), .. name, .. Encoding.UTF8.GetBytes(parts[1])]);
    };

    /// <summary>A valid workflow whose name is this JSON string literal, escapes and all.</summary>
    private static Func<HostileApp, HttpRequestMessage> WorkflowNamedLiteral(string literal) =>
        PostWorkflow(Changed(w => w["name"] = "NAME_HERE").Replace("\"NAME_HERE\"", literal));

    private static Func<HostileApp, HttpRequestMessage> User(string userNameJson) =>
        _ => Raw(HttpMethod.Post, "/api/v1/users", $$"""{"userName":{{userNameJson}},"password":"long enough password","role":"Viewer"}""");

    private const string LoneHigh = "\"\\ud800\"";
    private const string LoneLow = "\"a\\udc00b\"";

    private static readonly HostileCase[] Cases =
    [
        new("invalid UTF-8 byte in a name", WorkflowNamed(0x41, 0xFF, 0x42), "body"),
        new("overlong UTF-8 encoding in a name", WorkflowNamed(0xC0, 0xAF), "body"),
        new("truncated UTF-8 sequence in a name", WorkflowNamed(0xE2, 0x82), "body"),
        new("UTF-8 encoded surrogate in a name", WorkflowNamed(0xED, 0xA0, 0x80), "body"),
        // UTF-16 of ASCII text is valid UTF-8 (with NULs between the letters), so it fails as JSON, not as UTF-8.
        new("UTF-16 body", _ => Bytes(HttpMethod.Post, Workflows, Encoding.Unicode.GetBytes(Changed(_ => { }))), "$"),
        new("escaped lone high surrogate in a name", WorkflowNamedLiteral(LoneHigh), "name"),
        new("escaped lone low surrogate in a name", WorkflowNamedLiteral(LoneLow), "name"),
        new("empty workflow name", PostWorkflow(w => w["name"] = ""), "name"),
        new("blank workflow name", PostWorkflow(w => w["name"] = " \t "), "name"),
        new("control character in a workflow name", PostWorkflow(w => w["name"] = "tab\u0007bell"), "name"),
        new("line break in a workflow name", PostWorkflow(w => w["name"] = "two\nlines"), "name"),
        new("control character in a node name", PostWorkflow(w => Node(w, 2)["name"] = "nul\u0000name"), "nodes[log].name"),
        new("invalid UTF-8 in run input", a => Bytes(HttpMethod.Post, "/api/v1/executions",
            [.. Encoding.UTF8.GetBytes($$"""{"workflowId":"{{a.SavedWorkflowId}}","input":{"name":"""), 0x22, 0xFF, 0x22, .. "}}"u8.ToArray()]), "body"),
        new("invalid UTF-8 in a seed execute body", a => Bytes(HttpMethod.Post,
            $"/api/v1/process-engine/executions/processes/execute?processID={a.SavedWorkflowId}", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFE, 0x22, 0x7D]), "body"),
        new("run input with a lone surrogate", a => Raw(HttpMethod.Post, "/api/v1/executions",
            $$$"""{"workflowId":"{{{a.SavedWorkflowId}}}","input":{"name":{{{LoneHigh}}}}}"""), "$"),
        new("seed execute body with a lone surrogate", a => Raw(HttpMethod.Post,
            $"/api/v1/process-engine/executions/processes/execute?processID={a.SavedWorkflowId}", $$$"""{"name":{{{LoneLow}}}}"""), "$"),
        new("user name with a lone surrogate", User(LoneHigh), "userName"),
        new("user name with a space", User("\"ada lovelace\""), "userName"),
        new("empty user name", User("\"\""), "userName"),
        new("user name with a control character", User("\"ada\\u0001\""), "userName"),
        new("user name null", User("null"), "userName"),
        new("empty API key name", _ => Raw(HttpMethod.Post, "/api/v1/api-keys", """{"name":"","role":"Viewer"}"""), "name"),
    ];
}
