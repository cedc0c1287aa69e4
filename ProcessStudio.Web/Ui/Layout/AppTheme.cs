using MudBlazor;

namespace ProcessStudio.Web.Ui.Layout;

/// <summary>
/// The MudBlazor theme in our brand colours. Canvas and status colours that MudBlazor's palette has no slot for stay
/// in tokens.css (status fills, node categories, grid).
/// </summary>
public static class AppTheme
{
    public const string CookieName = "ps-theme";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4f46e5",
            Secondary = "#ff6d5a",
            Tertiary = "#0d9488",
            Info = "#2563eb",
            Success = "#16a34a",
            Warning = "#d97706",
            Error = "#dc2626",
            Background = "#f6f7f9",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#1a1d23",
            DrawerBackground = "#ffffff",
            DrawerText = "#5f6673",
            DrawerIcon = "#5f6673",
            TextPrimary = "#1a1d23",
            TextSecondary = "#5f6673",
            LinesDefault = "#e3e6eb",
            TableLines = "#e3e6eb",
            Divider = "#e3e6eb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8b85ff",
            Secondary = "#ff7a69",
            Tertiary = "#2dd4bf",
            Info = "#60a5fa",
            Success = "#4ade80",
            Warning = "#fbbf24",
            Error = "#f87171",
            Background = "#0f1115",
            Surface = "#171a20",
            AppbarBackground = "#171a20",
            AppbarText = "#e8eaee",
            DrawerBackground = "#171a20",
            DrawerText = "#a1a8b4",
            DrawerIcon = "#a1a8b4",
            TextPrimary = "#e8eaee",
            TextSecondary = "#a1a8b4",
            LinesDefault = "#2a2f38",
            TableLines = "#2a2f38",
            Divider = "#2a2f38",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"], FontSize = "0.875rem" },
            Button = new ButtonTypography { FontFamily = ["Inter", "system-ui", "sans-serif"], TextTransform = "none", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "224px", AppbarHeight = "56px" },
    };
}
