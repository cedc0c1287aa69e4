using MudBlazor;

namespace ProcessStudio.Web.Ui.Layout;

/// <summary>The two dialog widths the app uses; both close on Escape and from their close button.</summary>
public static class DialogSizes
{
    public static readonly DialogOptions Normal = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true };
    public static readonly DialogOptions Wide = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true };
}
