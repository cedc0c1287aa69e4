namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>The visible part of the canvas: screen = world * Zoom + (X, Y).</summary>
public readonly record struct Viewport(double X, double Y, double Zoom)
{
    public const double MinZoom = 0.2;
    public const double MaxZoom = 2.0;

    public static Viewport Default => new(40, 40, 1);

    public Viewport ZoomAround(double factor, double screenX, double screenY)
    {
        var zoom = Math.Clamp(Zoom * factor, MinZoom, MaxZoom);
        var worldX = (screenX - X) / Zoom;
        var worldY = (screenY - Y) / Zoom;
        return new Viewport(screenX - worldX * zoom, screenY - worldY * zoom, zoom);
    }

    /// <summary>The viewport that shows <paramref name="bounds"/> centred in a screen of the given size, never zoomed in past 1.</summary>
    public static Viewport Fit(Rect bounds, double screenWidth, double screenHeight, double padding = 48)
    {
        if (bounds.Width <= 0 || screenWidth <= 0 || screenHeight <= 0) return Default;
        var zoom = Math.Clamp(Math.Min((screenWidth - 2 * padding) / bounds.Width, (screenHeight - 2 * padding) / bounds.Height), MinZoom, 1);
        return new Viewport(
            (screenWidth - bounds.Width * zoom) / 2 - bounds.X * zoom,
            (screenHeight - bounds.Height * zoom) / 2 - bounds.Y * zoom,
            zoom);
    }

    /// <summary>The world rectangle visible on a screen of the given size.</summary>
    public Rect Visible(double screenWidth, double screenHeight) =>
        new(-X / Zoom, -Y / Zoom, screenWidth / Zoom, screenHeight / Zoom);
}

public readonly record struct Rect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;

    public bool Intersects(Rect other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public static Rect Union(IEnumerable<Rect> rects)
    {
        double left = double.MaxValue, top = double.MaxValue, right = double.MinValue, bottom = double.MinValue;
        foreach (var r in rects)
        {
            left = Math.Min(left, r.X); top = Math.Min(top, r.Y);
            right = Math.Max(right, r.Right); bottom = Math.Max(bottom, r.Bottom);
        }
        return left == double.MaxValue ? default : new Rect(left, top, right - left, bottom - top);
    }
}
