using System.Text;
using System.Text.RegularExpressions;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>A message the <see cref="SmtpSink"/> accepted: the envelope and the raw data, with just enough MIME reading for assertions.</summary>
public sealed partial record ReceivedMail(string From, IReadOnlyList<string> Recipients, string Data)
{
    /// <summary>A top-level header, unfolded, with RFC 2047 encoded words decoded.</summary>
    public string? Header(string name) => HeaderOf(Data, name);

    public string? Subject => Header("Subject");

    /// <summary>Every text part (text/plain, text/html) as (media type, decoded content), multipart bodies included.</summary>
    public IReadOnlyList<(string MediaType, string Content)> TextParts() => ReadParts(Data);

    private static IReadOnlyList<(string, string)> ReadParts(string entity)
    {
        var split = entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = split < 0 ? entity : entity[..split];
        var body = split < 0 ? "" : entity[(split + 4)..];
        var contentType = HeaderOf(headers, "Content-Type") ?? "text/plain";
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType.StartsWith("multipart/"))
        {
            var boundary = BoundaryPattern().Match(contentType).Groups[1].Value;
            return body.Split("--" + boundary).Skip(1).TakeWhile(p => !p.StartsWith("--"))
                .SelectMany(p => ReadParts(p.TrimStart('\r', '\n'))).ToList();
        }
        return [(mediaType, DecodeBody(body, HeaderOf(headers, "Content-Transfer-Encoding")))];
    }

    private static string DecodeBody(string body, string? transferEncoding) => transferEncoding?.ToLowerInvariant() switch
    {
        "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
        "quoted-printable" => Encoding.UTF8.GetString(QuotedPrintableBytes(body)),
        _ => body,
    };

    private static byte[] QuotedPrintableBytes(string text)
    {
        var bytes = new List<byte>();
        var source = text.Replace("=\r\n", "");
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '=' && i + 2 < source.Length)
            {
                bytes.Add(Convert.ToByte(source.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
                bytes.AddRange(Encoding.UTF8.GetBytes(source[i].ToString()));
        }
        return [.. bytes];
    }

    private static string? HeaderOf(string entity, string name)
    {
        var end = entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var unfolded = (end < 0 ? entity : entity[..end]).Replace("\r\n ", " ").Replace("\r\n\t", " ");
        var line = unfolded.Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        return line is null ? null : EncodedWordPattern().Replace(line[(name.Length + 1)..].Trim(), DecodeWord);
    }

    private static string DecodeWord(Match word)
    {
        var payload = word.Groups[3].Value;
        var bytes = word.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Convert.FromBase64String(payload)
            : QuotedPrintableBytes(payload.Replace('_', ' '));
        return Encoding.GetEncoding(word.Groups[1].Value).GetString(bytes);
    }

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*")]
    private static partial Regex EncodedWordPattern();
}
