using MudBlazor;

namespace ProcessStudio.Web.Ui.Kit;

/// <summary>Asks the person to confirm a destructive action in a <see cref="ConfirmDialog"/>.</summary>
public sealed class ConfirmService(IDialogService dialogs)
{
    public async Task<bool> ConfirmAsync(string title, string message, string confirmLabel = "Confirm", bool danger = true)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message },
            { d => d.ConfirmLabel, confirmLabel },
            { d => d.Danger, danger },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
