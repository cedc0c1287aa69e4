namespace ProcessStudio.Web.Ui.Kit;

public enum ToastKind { Info, Success, Warning, Error }

public sealed record Toast(Guid Id, ToastKind Kind, string Title, string? Detail);

/// <summary>Short notices for results and errors, shown by the <see cref="ToastHost"/> and removed after a few seconds.</summary>
public sealed class ToastService
{
    private readonly List<Toast> _toasts = [];

    public IReadOnlyList<Toast> Toasts => _toasts;
    public event Action? Changed;

    public void Success(string title, string? detail = null) => Show(ToastKind.Success, title, detail);
    public void Info(string title, string? detail = null) => Show(ToastKind.Info, title, detail);
    public void Warning(string title, string? detail = null) => Show(ToastKind.Warning, title, detail);
    public void Error(string title, string? detail = null) => Show(ToastKind.Error, title, detail);

    public void Show(ToastKind kind, string title, string? detail)
    {
        var toast = new Toast(Guid.NewGuid(), kind, title, detail);
        lock (_toasts)
        {
            _toasts.Add(toast);
            if (_toasts.Count > 5) _toasts.RemoveAt(0);
        }
        Changed?.Invoke();
        var lifetime = kind == ToastKind.Error ? TimeSpan.FromSeconds(8) : TimeSpan.FromSeconds(4);
        _ = Task.Delay(lifetime).ContinueWith(_ => Dismiss(toast.Id), TaskScheduler.Default);
    }

    public void Dismiss(Guid id)
    {
        lock (_toasts) _toasts.RemoveAll(t => t.Id == id);
        Changed?.Invoke();
    }
}
