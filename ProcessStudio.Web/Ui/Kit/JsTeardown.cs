using Microsoft.JSInterop;

namespace ProcessStudio.Web.Ui.Kit;

/// <summary>
/// JS clean-up for a component's <c>DisposeAsync</c>. When the page is navigated away from or closed, the circuit
/// may already be gone: the interop calls then throw <see cref="JSDisconnectedException"/>, or
/// <see cref="TaskCanceledException"/> when the pending call is cancelled with the circuit. The browser has dropped
/// the JS objects by then, so those two are expected and ignored; anything else still surfaces.
/// </summary>
public static class JsTeardown
{
    public static async ValueTask RunAsync(Func<ValueTask> cleanup)
    {
        try
        {
            await cleanup();
        }
        catch (Exception ex) when (ex is JSDisconnectedException or TaskCanceledException)
        {
            // The circuit is gone with the page.
        }
    }

    /// <summary>Disposes a JS object reference, if any, tolerating a circuit that is already gone.</summary>
    public static ValueTask DisposeAsync(IJSObjectReference? reference) =>
        reference is null ? ValueTask.CompletedTask : RunAsync(reference.DisposeAsync);
}
