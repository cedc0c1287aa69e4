using Blazor.Diagrams.Components;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// The library's <see cref="DiagramCanvas"/>, safe to prerender: its disposal stops a browser resize observer through
/// JS interop, which a prerendered (static) render never started and cannot call; the call threw and was logged as
/// an unhandled error at the end of every prerendered designer request.
/// </summary>
public sealed class PrerenderableDiagramCanvas : DiagramCanvas, IAsyncDisposable
{
    ValueTask IAsyncDisposable.DisposeAsync() => RendererInfo.IsInteractive ? DisposeAsync() : ValueTask.CompletedTask;
}
