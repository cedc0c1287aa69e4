namespace ProcessStudio.Web.Ui.Layout;

/// <summary>Section names pages use to put their title and actions into the shell's top bar.</summary>
public static class TopBar
{
    public const string Title = "topbar-title";
    public const string Actions = "topbar-actions";
}
