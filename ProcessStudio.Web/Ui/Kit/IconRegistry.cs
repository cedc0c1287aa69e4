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

    public string Svg(string name) => _cache.GetOrAdd(name, Load);

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
