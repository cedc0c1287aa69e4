using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using MudBlazor;
using MudBlazor.Services;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Web.Tests.Canvas;
using ProcessStudio.Web.Ui.Canvas;
using ProcessStudio.Web.Ui.Designer;
using ProcessStudio.Web.Ui.Kit;
using Position = ProcessStudio.Engine.Model.Position;

namespace ProcessStudio.Web.Canvas.Tests;

/// <summary>
/// Renders the real <see cref="WorkflowCanvas"/> over a <see cref="DesignerSession"/>, the way the designer page does:
/// the page re-renders the canvas whenever the session changes. The browser's part (container size) is played here.
/// </summary>
public abstract class CanvasTestContext : BunitContext
{
    protected CanvasTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The library's script reports the canvas' size; the canvas adds its nodes only once it is known.
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 1200, 800));
        Services.AddSingleton<INodeCatalog>(new TestCatalog());
        Services.AddSingleton<IWebHostEnvironment>(new NoFilesEnvironment());
        Services.AddSingleton<IconRegistry>();
        Services.AddLogging();
        Services.AddMudServices();
        Services.AddScoped<ToastService>();
    }

    /// <summary>The notices the canvas raised, as the person reads them ("title: detail").</summary>
    protected IEnumerable<string> Notices => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message);

    protected static DesignerSession Session(WorkflowDefinition workflow) =>
        new(workflow, 1, new TestCatalog(), new UnnamedNodeValidator());

    protected IRenderedComponent<WorkflowCanvas> RenderCanvas(DesignerSession session)
    {
        var cut = Render<WorkflowCanvas>(p => p.Add(c => c.Workflow, session.Workflow).Add(c => c.Editor, session));
        session.Changed += () => cut.Render(p => p.Add(c => c.Workflow, session.Workflow).Add(c => c.Editor, session));
        return cut;
    }

    protected static NodeDefinition Node(string id, string type, double x, double y) =>
        new() { Id = id, Type = type, Name = id, Position = new Position(x, y) };

    private sealed class NoFilesEnvironment : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = "";
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "tests";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = "";
        public string EnvironmentName { get; set; } = "Test";
    }
}
