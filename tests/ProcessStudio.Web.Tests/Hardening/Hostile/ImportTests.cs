using System.Net;
using System.Text;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>POST /workflows/import with broken multipart uploads and broken files.</summary>
public sealed class ImportTests(HostileApp app) : HostileGroup(app)
{
    private const string Import = "/api/v1/workflows/import";
    private const string Boundary = "hostile-boundary";

    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_problem_naming_the_field(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    private static Func<HostileApp, HttpRequestMessage> Multipart(string body, string contentType = $"multipart/form-data; boundary={Boundary}") =>
        _ => Raw(HttpMethod.Post, Import, body.Replace("\n", "\r\n"), contentType);

    private static string FilePart(string content, string field = "file") =>
        $"--{Boundary}\nContent-Disposition: form-data; name=\"{field}\"; filename=\"w.json\"\nContent-Type: application/json\n\n{content}\n--{Boundary}--\n";

    private static string ManyParts(int count)
    {
        var body = new StringBuilder();
        for (var i = 0; i < count; i++) body.Append($"--{Boundary}\nContent-Disposition: form-data; name=\"f{i}\"\n\nx\n");
        return body.Append($"--{Boundary}--\n").ToString();
    }

    private static readonly HostileCase[] Cases =
    [
        new("multipart without a boundary", Multipart(FilePart("{}"), "multipart/form-data"), "file"),
        new("truncated part header", Multipart($"--{Boundary}\nContent-Disposition: form-da"), "file"),
        new("part header without a blank line", Multipart($"--{Boundary}\nContent-Disposition: form-data; name=\"file\"\n"), "file"),
        new("boundary never closed", Multipart($"--{Boundary}\nContent-Disposition: form-data; name=\"file\"; filename=\"w.json\"\n\n{{\"name\":\"x\"}}"), "file"),
        new("more than 1,024 parts", Multipart(ManyParts(1_100)), "file"),
        new("part header of 20,000 characters", Multipart($"--{Boundary}\nX-Long: {new string('a', 20_000)}\n\nx\n--{Boundary}--\n"), "file"),
        new("no file field", Multipart($"--{Boundary}\nContent-Disposition: form-data; name=\"note\"\n\nhello\n--{Boundary}--\n"), "file"),
        new("empty file", Multipart(FilePart("")), "file"),
        new("file that is not JSON", Multipart(FilePart("name: yaml")), "$"),
        new("file with a null node", Multipart(FilePart("""{"name":"x","nodes":[null]}""")), "nodes[0]"),
        new("file with a null connection end", Multipart(FilePart(
            """{"name":"x","nodes":[{"id":"s","type":"manual-trigger","name":"s"}],"connections":[{"sourceNodeId":null,"sourcePort":"out","targetNodeId":"s"}]}""")),
            "sourceNodeId"),
        new("file with invalid UTF-8", a => Bytes(HttpMethod.Post, Import,
            [.. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"w.json\"\r\n\r\n{{\"name\":\""), 0xFF, 0xFE,
             .. Encoding.ASCII.GetBytes($"\"}}\r\n--{Boundary}--\r\n")], $"multipart/form-data; boundary={Boundary}"), "file"),
        new("file over the request limit", Multipart(FilePart(new string(' ', 1_100_000) + "{}")), "body", [HttpStatusCode.RequestEntityTooLarge]),
        new("JSON body with a broken graph", _ => Raw(HttpMethod.Post, Import, """{"name":"x","nodes":[{"id":"a","type":"log","name":"a"}]}"""), "nodes[a]"),
        new("text/plain body", _ => Raw(HttpMethod.Post, Import, "{}", "text/plain"), "Content-Type", [HttpStatusCode.UnsupportedMediaType]),
        new("url-encoded form body", _ => Raw(HttpMethod.Post, Import, "file=%7B%7D", "application/x-www-form-urlencoded"), "Content-Type",
            [HttpStatusCode.UnsupportedMediaType]),
    ];
}
