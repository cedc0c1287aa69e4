using Microsoft.Playwright;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.E2E.Designer;

/// <summary>The designer as a person uses it, through the accessibility contract: palette buttons, node and port labels.</summary>
internal sealed class DesignerPage(IPage page)
{
    public IPage Page => page;
    public ILocator Canvas => page.Locator(".canvas.editable");
    private ILocator ReadyCanvas => page.Locator(".canvas.editable[data-js-ready]");
    private ILocator ReadyPalette => page.Locator(".palette-groups[data-js-ready]");
    public ILocator Links => page.Locator(".canvas .clink");

    /// <summary>Opens an empty designer on a large screen so five nodes fit side by side.</summary>
    public static async Task<DesignerPage> OpenNewAsync(IPage page)
    {
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync("workflows/new");
        var designer = new DesignerPage(page);
        await designer.ReadyCanvas.WaitForAsync();
        await designer.ReadyPalette.WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Manual Trigger", Exact = true })).ToBeVisibleAsync();
        return designer;
    }

    public static async Task<DesignerPage> OpenAsync(IPage page, Guid workflowId)
    {
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync($"workflows/{workflowId}");
        var designer = new DesignerPage(page);
        await designer.ReadyCanvas.Locator(".cnode").First.WaitForAsync();
        return designer;
    }

    public ILocator Node(string name) => Canvas.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });

    public ILocator Output(string node, string port) => page.GetByLabel($"{node} {port} output", new() { Exact = true });

    /// <summary>A link as keyboard and screen-reader users reach it.</summary>
    public ILocator Link(string fromNode, string port, string toNode) =>
        Canvas.GetByRole(AriaRole.Button, new() { Name = $"Link from {fromNode} {port} to {toNode}", Exact = true });

    public ILocator Input(string node) => page.GetByLabel($"{node} input", new() { Exact = true });

    /// <summary>Drags a palette item onto the canvas at (x, y) relative to the canvas' top-left corner.</summary>
    public async Task DropAsync(string nodeType, float x, float y, string expectedName)
    {
        await ReadyPalette.WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = nodeType, Exact = true })
            .DragToAsync(Canvas, new() { TargetPosition = new TargetPosition { X = x, Y = y } });
        await Assertions.Expect(Node(expectedName)).ToBeVisibleAsync();
    }

    public Task ConnectAsync(string fromNode, string port, string toNode) =>
        Output(fromNode, port).DragToAsync(Input(toNode));

    public async Task SelectAsync(string node)
    {
        await Node(node).Locator(".cnode-name").ClickAsync();
        await Assertions.Expect(page.Locator(".inspector .panel-title")).ToHaveTextAsync(node);
    }

    /// <summary>Fills a field of the properties panel and leaves it, which commits the value.</summary>
    public async Task FillAsync(string label, string value)
    {
        var field = page.Locator(".inspector").GetByLabel(label);
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    public async Task SaveAsync(int expectedVersion)
    {
        await page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"Saved version {expectedVersion}" })).ToBeVisibleAsync();
    }

    /// <summary>The saved workflow as the REST export returns it.</summary>
    public static async Task<WorkflowDefinition> ExportAsync(HttpClient http, Guid workflowId) =>
        WorkflowJson.Deserialize(await http.GetStringAsync($"api/v1/workflows/{workflowId}/export"));

    public Guid WorkflowIdFromUrl()
    {
        var segment = new Uri(page.Url).Segments[^1];
        return Guid.Parse(segment.Trim('/'));
    }
}
