using MudBlazor;

namespace ProcessStudio.Web.Ui.Kit;

public enum ToastKind { Info, Success, Warning, Error }

/// <summary>
/// Short notices for results and errors, shown as MudBlazor snackbars. Keeps one wording for "title: detail" notices
/// across pages; errors stay on screen longer than successes.
/// </summary>
public sealed class ToastService(ISnackbar snackbar)
{
    public void Success(string title, string? detail = null) => Show(ToastKind.Success, title, detail);
    public void Info(string title, string? detail = null) => Show(ToastKind.Info, title, detail);
    public void Warning(string title, string? detail = null) => Show(ToastKind.Warning, title, detail);
    public void Error(string title, string? detail = null) => Show(ToastKind.Error, title, detail);

    public void Show(ToastKind kind, string title, string? detail)
    {
        var message = detail is null ? title : $"{title}: {detail}";
        snackbar.Add(message, SeverityOf(kind), options =>
        {
            options.VisibleStateDuration = kind == ToastKind.Error ? 8000 : 4000;
            options.SnackbarVariant = Variant.Filled;
        });
    }

    private static Severity SeverityOf(ToastKind kind) => kind switch
    {
        ToastKind.Success => Severity.Success,
        ToastKind.Warning => Severity.Warning,
        ToastKind.Error => Severity.Error,
        _ => Severity.Info,
    };
}
