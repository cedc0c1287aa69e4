using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ProcessStudio.Web.Ui.Kit;

/// <summary>
/// Markdown to HTML for text people write into the workflow (sticky notes). Raw HTML is escaped, not passed through,
/// and link or image targets other than http(s), mailto or relative ones are dropped, so a shared workflow cannot carry
/// script into a colleague's browser.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafeUrl(link.Url)) link.Url = "";
        foreach (var link in document.Descendants<AutolinkInline>())
            if (!IsSafeUrl(link.Url)) link.Url = "";
        return document.ToHtml(Pipeline);
    }

    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        if (!Uri.TryCreate(url.Trim(), UriKind.RelativeOrAbsolute, out var uri)) return false;
        // A "relative" URL with a colon before any slash is a scheme the Uri parser did not know (e.g. "javascript:").
        if (!uri.IsAbsoluteUri) return !url.TrimStart().Split('/', 2)[0].Contains(':');
        return uri.Scheme is "http" or "https" or "mailto";
    }
}
