namespace ProcessStudio.Web.Ui.Kit;

public sealed record ConfirmRequest(string Title, string Message, string ConfirmLabel, bool Danger);

/// <summary>Asks the person to confirm a destructive action; the <see cref="ConfirmHost"/> in the layout shows the dialog.</summary>
public sealed class ConfirmService
{
    private TaskCompletionSource<bool>? _pending;

    public ConfirmRequest? Current { get; private set; }
    public event Action? Changed;

    public Task<bool> ConfirmAsync(string title, string message, string confirmLabel = "Confirm", bool danger = true)
    {
        _pending?.TrySetResult(false);
        _pending = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Current = new ConfirmRequest(title, message, confirmLabel, danger);
        Changed?.Invoke();
        return _pending.Task;
    }

    public void Answer(bool confirmed)
    {
        Current = null;
        Changed?.Invoke();
        _pending?.TrySetResult(confirmed);
        _pending = null;
    }
}
