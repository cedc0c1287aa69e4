using System.Net;
using System.Text;
using ProcessStudio.Engine.Webhooks;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>/hooks requests with broken bodies, signatures and timestamps.</summary>
public sealed class HookTests(HostileApp app) : HostileGroup(app)
{
    private const string Signed = "/hooks/" + HostileApp.SignedHookPath;
    private const string Open = "/hooks/" + HostileApp.OpenHookPath;

    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_4xx_problem(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A request to the signed hook with the given body, signature and timestamp header values (null leaves a header out).</summary>
    private static Func<HostileApp, HttpRequestMessage> SignedRequest(string body, Func<byte[], string?> signature, string? timestamp)
        => _ =>
        {
            var request = Raw(HttpMethod.Post, Signed, body);
            if (signature(Encoding.UTF8.GetBytes(body)) is { } value) request.Headers.TryAddWithoutValidation("X-Signature", value);
            if (timestamp is not null) request.Headers.TryAddWithoutValidation("X-Webhook-Timestamp", timestamp);
            return request;
        };

    private static string Sign(byte[] body, long seconds) => WebhookSignature.Sign(body, HostileApp.HookSecret, seconds);

    private static HttpStatusCode[] Status(HttpStatusCode status) => [status];

    private static readonly HostileCase[] Cases =
    [
        new("JSON body cut off", _ => Raw(HttpMethod.Post, Open, "{\"order\":"), "body"),
        new("JSON body of invalid UTF-8", _ => Bytes(HttpMethod.Post, Open, [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]), "body"),
        new("JSON body of UTF-16", _ => Bytes(HttpMethod.Post, Open, Encoding.Unicode.GetBytes("{\"a\":1}")), "body"),
        new("+json body that is not JSON", _ => Raw(HttpMethod.Post, Open, "not json", "application/vnd.api+json"), "body"),
        new("JSON body nested 2,000 deep", _ => Raw(HttpMethod.Post, Open, new string('[', 2_000) + new string(']', 2_000)), "body"),
        new("JSON body with a lone surrogate", _ => Raw(HttpMethod.Post, Open, "{\"a\":\"\\ud800\"}"), "body"),
        new("body over the hook limit", _ => Raw(HttpMethod.Post, Open, "\"" + new string('x', 1_100_000) + "\""), null,
            Status(HttpStatusCode.RequestEntityTooLarge)),
        new("wrong method", _ => Raw(HttpMethod.Put, Open, "{}"), null, Status(HttpStatusCode.MethodNotAllowed)),
        new("unknown path", _ => Raw(HttpMethod.Post, "/hooks/hostile/nobody", "{}"), null, Status(HttpStatusCode.NotFound)),
        new("path of 5,000 characters", _ => Raw(HttpMethod.Post, "/hooks/" + new string('p', 5_000), "{}"), null, Status(HttpStatusCode.NotFound)),
        new("no signature", SignedRequest("{}", _ => null, Now.ToString()), null, Status(HttpStatusCode.Unauthorized)),
        new("no timestamp", SignedRequest("{}", b => WebhookSignature.Sign(b, HostileApp.HookSecret), null), null, Status(HttpStatusCode.Unauthorized)),
        new("timestamp as a date", SignedRequest("{}", b => Sign(b, Now), DateTimeOffset.UtcNow.ToString("O")), "X-Webhook-Timestamp"),
        new("negative timestamp", SignedRequest("{}", b => Sign(b, Now), "-5"), "X-Webhook-Timestamp"),
        new("timestamp beyond the year 9999", SignedRequest("{}", b => Sign(b, Now), "99999999999999999"), "X-Webhook-Timestamp"),
        new("timestamp beyond long", SignedRequest("{}", b => Sign(b, Now), "999999999999999999999999"), "X-Webhook-Timestamp"),
        new("timestamp an hour old", SignedRequest("{}", b => Sign(b, Now - 3_600), (Now - 3_600).ToString()), null, Status(HttpStatusCode.Forbidden)),
        new("timestamp an hour ahead", SignedRequest("{}", b => Sign(b, Now + 3_600), (Now + 3_600).ToString()), null, Status(HttpStatusCode.Forbidden)),
        new("signature of another timestamp", SignedRequest("{}", b => Sign(b, Now - 10), Now.ToString()), null, Status(HttpStatusCode.Forbidden)),
        new("signature of another body", SignedRequest("{}", _ => Sign("{\"a\":1}"u8.ToArray(), Now), Now.ToString()), null, Status(HttpStatusCode.Forbidden)),
        new("signature not hex", SignedRequest("{}", _ => "sha256=" + new string('z', 64), Now.ToString()), null, Status(HttpStatusCode.Forbidden)),
        new("signature too short", SignedRequest("{}", _ => "sha256=abcd", Now.ToString()), null, Status(HttpStatusCode.Forbidden)),
        new("signature of 10,000 characters", SignedRequest("{}", _ => new string('a', 10_000), Now.ToString()), null, Status(HttpStatusCode.Forbidden)),
    ];
}
