using System.Collections.Concurrent;

namespace ProcessStudio.Web.Ui.Kit;

/// <summary>
/// Inline SVG markup for icon names, read once from wwwroot/icons (copied there from lucide-static by the build).
/// Inline SVG lets icons take the current text colour; unknown names fall back to a neutral box.
/// </summary>
public sealed class IconRegistry(IWebHostEnvironment environment, ILogger<IconRegistry> logger)
{
    private const string Fallback = "box";
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    public string Svg(string name) => _cache.GetOrAdd(name, Load);

    /// <summary>
    /// The icon's file, for a CSS mask (".icon-mask"): where an icon repeats hundreds of times (the canvas' node cards),
    /// one element per icon instead of ten SVG elements keeps the page and its render batches small.
    /// </summary>
    public string Url(string name) => _urls.GetOrAdd(name, n =>
        environment.WebRootFileProvider.GetFileInfo($"icons/{n}.svg").Exists ? $"icons/{n}.svg" : $"icons/{Fallback}.svg");

    private string Load(string name)
    {
        var file = environment.WebRootFileProvider.GetFileInfo($"icons/{name}.svg");
        if (file.Exists)
        {
            using var reader = new StreamReader(file.CreateReadStream());
            return reader.ReadToEnd().Replace("<svg", "<svg aria-hidden=\"true\" focusable=\"false\"");
        }
        if (name == Fallback)
            return "<svg aria-hidden=\"true\" viewBox=\"0 0 24 24\"></svg>";
        logger.LogWarning("Icon {Icon} is not in wwwroot/icons; add it to wwwroot-assets/icons.json", name);
        return Svg(Fallback);
    }
}
