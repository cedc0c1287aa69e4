using static System.FormattableString;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// The canvas' look before the server knows its size (a prerendered page, or the circuit's first render): the rule
/// ".canvas.prefit" in canvas.css computes the same fit as <see cref="Viewport.Fit"/> from the container's own size,
/// given the workflow's bounds written here as CSS custom properties. No browser measurement, no round trip.
/// </summary>
public static class PrefitStyle
{
    public static string For(Rect bounds) => Invariant(
        $"--fit-x:{bounds.X}px;--fit-y:{bounds.Y}px;--fit-w:{bounds.Width}px;--fit-h:{bounds.Height}px;--fit-pad:{Viewport.FitPadding}px;--fit-min:{Viewport.MinZoom}");
}
