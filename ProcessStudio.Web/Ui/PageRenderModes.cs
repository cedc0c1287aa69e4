using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Routing;

namespace ProcessStudio.Web.Ui;

/// <summary>
/// Which render mode a full page load gets. Pages load data and call into JS on first render, so prerendering would do
/// both twice; only the designer of a saved workflow is prerendered, so its canvas is on screen before the circuit
/// starts (it hands the loaded workflow to the circuit through persisted component state, docs/performance.md).
/// </summary>
public static partial class PageRenderModes
{
    private static readonly IComponentRenderMode Interactive = new InteractiveServerRenderMode(prerender: false);
    private static readonly IComponentRenderMode InteractivePrerendered = new InteractiveServerRenderMode(prerender: true);

    /// <summary>Null for the sign-in pages, which are plain server-rendered forms (they set the cookie).</summary>
    public static IComponentRenderMode? For(HttpContext context)
    {
        if (!context.AcceptsInteractiveRouting()) return null;
        return IsSavedWorkflowDesigner(context.Request.Path) ? InteractivePrerendered : Interactive;
    }

    public static bool IsSavedWorkflowDesigner(PathString path) => path.HasValue && DesignerPath().IsMatch(path.Value!);

    [GeneratedRegex(@"^/workflows/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/?$")]
    private static partial Regex DesignerPath();
}
