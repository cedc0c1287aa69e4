using System.Security.Cryptography;
using System.Text;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Engine.Tests.Webhooks;

/// <summary>The credential checks a hook applies before anything starts.</summary>
public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"order":42}""");
    private const string Secret = "s3cret";

    /// <summary>What a sender computes with openssl: HMAC-SHA256 of the raw body, hex encoded.</summary>
    private static string ExternalSignature(byte[] body, string secret) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();

    [Fact]
    public void A_signature_computed_by_the_sender_is_accepted_with_or_without_the_prefix_and_in_either_case()
    {
        var hex = ExternalSignature(Body, Secret);

        WebhookSignature.IsValidSignature("sha256=" + hex, Body, Secret).Should().BeTrue();
        WebhookSignature.IsValidSignature(hex, Body, Secret).Should().BeTrue();
        WebhookSignature.IsValidSignature("SHA256=" + hex.ToUpperInvariant(), Body, Secret).Should().BeTrue();
        WebhookSignature.Sign(Body, Secret).Should().Be("sha256=" + hex);
    }

    [Fact]
    public void A_changed_body_or_another_secret_fails()
    {
        var header = WebhookSignature.Sign(Body, Secret);

        WebhookSignature.IsValidSignature(header, Encoding.UTF8.GetBytes("""{"order":43}"""), Secret).Should().BeFalse();
        WebhookSignature.IsValidSignature(header, Body, "other").Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=0123456789abcdef")]
    [InlineData("sha256=gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg")]
    public void Missing_truncated_or_non_hex_signatures_fail(string? header) =>
        WebhookSignature.IsValidSignature(header, Body, Secret).Should().BeFalse();

    [Fact]
    public void A_token_must_match_exactly()
    {
        WebhookSignature.IsValidToken(Secret, Secret).Should().BeTrue();
        WebhookSignature.IsValidToken(" " + Secret + " ", Secret).Should().BeTrue("surrounding whitespace is not part of a header value");
        WebhookSignature.IsValidToken("s3cre", Secret).Should().BeFalse();
        WebhookSignature.IsValidToken("S3CRET", Secret).Should().BeFalse();
        WebhookSignature.IsValidToken(null, Secret).Should().BeFalse();
    }
}
