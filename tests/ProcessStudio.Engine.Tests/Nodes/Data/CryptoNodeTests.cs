using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Tests.Nodes.Data;

/// <summary>Crypto with published test vectors (FIPS 180 "abc", RFC 1321, RFC 4231 case 2).</summary>
public sealed class CryptoNodeTests : DataNodeFixture
{
    private async Task<string> ResultAsync(object settings, JsonNode? input = null) =>
        (await OutputAsync("crypto", settings, input ?? new JsonObject { ["text"] = "abc" }))!["result"]!.GetValue<string>();

    [Theory]
    [InlineData("md5", "hex", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("sha1", "hex", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("sha256", "hex", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("sha256", "base64", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")]
    public async Task Hashes_match_the_published_vectors(string algorithm, string encoding, string expected) =>
        (await ResultAsync(new { value = "{{ $item.text }}", algorithm, encoding })).Should().Be(expected);

    [Fact]
    public async Task Sha512_of_abc_starts_with_the_published_prefix() =>
        (await ResultAsync(new { value = "abc", algorithm = "sha512" })).Should().StartWith("ddaf35a193617aba").And.HaveLength(128);

    [Fact]
    public async Task Hmac_sha256_matches_rfc_4231_with_the_secret_from_the_settings() =>
        (await ResultAsync(new { operation = "hmac", value = "what do ya want for nothing?", secret = "Jefe" }))
            .Should().Be("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

    [Fact]
    public async Task Uuid_and_random_ids_are_fresh_per_item()
    {
        var items = Json("""[ {}, {} ]""");
        var uuids = (await OutputAsync("crypto", new { operation = "uuid" }, items.DeepClone()))!.AsArray().Select(i => i!["result"]!.GetValue<string>()).ToList();
        var ids = (await OutputAsync("crypto", new { operation = "randomId", length = 24, outputField = "id" }, items))!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();

        uuids.Select(Guid.Parse).Should().NotContain(Guid.Empty).And.OnlyHaveUniqueItems().And.HaveCount(2);
        ids.Should().OnlyContain(i => i.Length == 24 && i.All(char.IsAsciiLetterOrDigit)).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task An_hmac_whose_secret_renders_empty_fails_clearly() =>
        (await ErrorAsync("crypto", new { operation = "hmac", value = "x", secret = "{{ $json.missing }}" }, new JsonObject()))
            .Should().Be("'Secret' is empty; an HMAC needs a key.");

    [Fact]
    public void The_secret_is_required_for_hmac_and_random_id_length_is_bounded()
    {
        SaveProblems("crypto", new { operation = "hmac", value = "x" }).Should().ContainSingle(p => p.Setting == "secret" && p.Code == "setting.required");
        SaveProblems("crypto", new { operation = "randomId", length = 0 }).Should().ContainSingle(p => p.Setting == "length");
        SaveProblems("crypto", new { operation = "hash" }).Should().ContainSingle(p => p.Setting == "value");
        SaveProblems("crypto", new { operation = "uuid", outputField = "ids[0]" }).Should().ContainSingle(p => p.Setting == "outputField");
    }
}
