using Microsoft.JSInterop;

namespace ProcessStudio.Web.Ui.Kit;

/// <summary>Downloads and clipboard through js/files.js.</summary>
public sealed class BrowserFiles(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    public async Task DownloadAsync(string fileName, string text, string mimeType, CancellationToken cancellationToken)
    {
        var module = await ModuleAsync(cancellationToken);
        await module.InvokeVoidAsync("downloadText", cancellationToken, fileName, text, mimeType);
    }

    public async Task CopyAsync(string text, CancellationToken cancellationToken)
    {
        var module = await ModuleAsync(cancellationToken);
        await module.InvokeVoidAsync("copyText", cancellationToken, text);
    }

    private async Task<IJSObjectReference> ModuleAsync(CancellationToken cancellationToken) =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", cancellationToken, "./js/files.js");

    public ValueTask DisposeAsync() => JsTeardown.DisposeAsync(_module);
}
