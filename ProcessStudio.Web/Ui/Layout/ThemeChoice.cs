namespace ProcessStudio.Web.Ui.Layout;

/// <summary>The theme the person chose, as the cookie carries it; null when they never chose (the browser's preference applies).</summary>
public static class ThemeChoice
{
    public static bool? FromCookie(string? value) => value switch
    {
        "dark" => true,
        "light" => false,
        _ => null,
    };

    public static string ToCookie(bool dark) => dark ? "dark" : "light";
}
