namespace ProcessStudio.Web.Ui.Account;

/// <summary>Where to go after signing in: only a path on this site, so a crafted link cannot send people elsewhere.</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
