using System.Text;
using MimeKit;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>
/// A message the <see cref="SmtpSink"/> accepted: the envelope, the raw data, whether the session was encrypted, and
/// the data read back by MimeKit for assertions.
/// </summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, string Data, bool OverTls)
{
    private MimeMessage? _parsed;

    private MimeMessage Parsed => _parsed ??= MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Data)));

    /// <summary>A top-level header, unfolded, with RFC 2047 encoded words decoded.</summary>
    public string? Header(string name) => Parsed.Headers[name];

    public string? Subject => Parsed.Subject;

    /// <summary>Every text part (text/plain, text/html) as (media type, decoded content), multipart bodies included.</summary>
    public IReadOnlyList<(string MediaType, string Content)> TextParts() =>
        [.. Parsed.BodyParts.OfType<TextPart>().Select(p => (p.ContentType.MimeType.ToLowerInvariant(), p.Text))];
}
