using System.Net;
using System.Text;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>The body limit on the real server (Kestrel), with and without a declared Content-Length.</summary>
public sealed class KestrelLimitTests
{
    [Fact]
    public async Task Oversized_bodies_are_413_problems_whether_declared_or_streamed()
    {
        using var folder = new TempFolder();
        await using var app = await AppProcess.StartAsync(folder.Path);
        var oversized = "{\"name\":\"" + new string('x', 1024 * 1024 + 16) + "\"}";

        var declared = await app.Api.SendRawAsync(HttpMethod.Post, "/api/v1/workflows", oversized);
        var streamed = await app.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/workflows")
        {
            Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(oversized))) { Headers = { ContentType = new("application/json") } },
        });

        declared.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        streamed.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        (await app.Api.GetAsync("/api/v1/workflows")).Data.AsArray().Should().BeEmpty("nothing was written");
    }

    /// <summary>A stream that hides its length, so the client sends the body chunked without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
