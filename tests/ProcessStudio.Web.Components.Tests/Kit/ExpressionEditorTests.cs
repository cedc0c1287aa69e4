using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Designer;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Components.Tests.Kit;

/// <summary>
/// The expression editor over a node's designer scope: hints with real paths from the last run and pinned data,
/// functions with their signatures, unknown paths warned, and a live preview evaluated by the real engine.
/// </summary>
public sealed class ExpressionEditorTests : ComponentTest
{
    /// <summary>
    /// The preview waits out the typing pause, then evaluates on a worker; on a busy machine (or the first evaluation
    /// of a fresh process) that takes longer than bunit's one-second default.
    /// </summary>
    private static readonly TimeSpan PreviewWait = TimeSpan.FromSeconds(5);

    private static readonly ExpressionEngine Engine = new();

    /// <summary>Fetch orders → Total → Send; the last run fetched two orders, Total is being edited.</summary>
    private static (WorkflowDefinition Workflow, RunSample Sample) OrdersRun()
    {
        var workflow = Runs.Line("Fetch orders", "Total", "Send");
        var sample = new RunSample(Guid.NewGuid(), new JsonObject { ["customer"] = "c-42" },
            new Dictionary<string, JsonNode?> { ["n2"] = new JsonObject { ["status"] = 200, ["body"] = new JsonObject { ["orders"] = new JsonArray(new JsonObject { ["amount"] = 30 }, new JsonObject { ["amount"] = 12 }) } } },
            new Dictionary<string, JsonNode?> { ["n1"] = new JsonObject { ["status"] = 200, ["body"] = new JsonObject { ["orders"] = new JsonArray() } } });
        return (workflow, sample);
    }

    private IRenderedComponent<ExpressionField> RenderEditor(ExpressionScope scope, IExpressionPreview? preview, string value = "",
        ExpressionMode mode = ExpressionMode.Expression) =>
        Render<ExpressionField>(p =>
        {
            p.Add(f => f.Label, "Amount").Add(f => f.Value, value).Add(f => f.Mode, mode).Add(f => f.Hints, Engine.Completions(scope));
            if (preview is not null) p.AddCascadingValue(preview);
        });

    private static ExpressionPreviewer Previewer(ExpressionScope scope) => new(Engine, scope, "data of the last run");

    [Fact]
    public void Hints_offer_roots_paths_from_the_last_run_with_nodes_by_name_and_functions_with_signatures()
    {
        var (workflow, sample) = OrdersRun();
        var scope = DesignerScope.For(workflow, workflow.FindNode("n2")!, sample);
        var cut = RenderEditor(scope, null);
        cut.Find(".expr-field-wrap").FocusIn();

        cut.Find("input").Input("$json.body.o");
        cut.FindAll(".expr-hint").Select(h => h.TextContent).Should().Contain("$json.body.orders").And.Contain("$json.body.orders[0]");

        cut.Find("input").Input("$node");
        cut.FindAll(".expr-hint").Select(h => h.TextContent).Should().Contain("$node[\"Fetch orders\"]").And.Contain("$node[\"Fetch orders\"].status")
            .And.NotContain(h => h.Contains("Send"), "Send runs after Total");

        cut.Find("input").Input("sum");
        var sum = cut.FindAll(".expr-hint").Single(h => h.TextContent.StartsWith("sum()"));
        sum.QuerySelector(".expr-hint-sig")!.TextContent.Should().Be(Engine.Functions.Single(f => f.Name == "sum").Signature);
        sum.GetAttribute("title").Should().Contain(Engine.Functions.Single(f => f.Name == "sum").Description);
    }

    [Fact]
    public void Roots_are_all_offered_with_nothing_typed()
    {
        var (workflow, sample) = OrdersRun();
        var cut = RenderEditor(DesignerScope.For(workflow, workflow.FindNode("n2")!, sample), null);
        cut.Find(".expr-field-wrap").FocusIn();

        cut.FindAll(".expr-hint").Select(h => h.TextContent).Should().Contain(["$execution", "$input", "$json", "$node", "$vars"]);
    }

    [Fact]
    public void An_unknown_root_and_a_path_the_data_does_not_have_are_warned()
    {
        var (workflow, sample) = OrdersRun();
        var cut = RenderEditor(DesignerScope.For(workflow, workflow.FindNode("n2")!, sample), null);

        cut.Find("input").Input("$jsn.body");
        cut.Find(".expr-warning").TextContent.Should().Contain("Unknown name $jsn");

        cut.Find("input").Input("$node[\"Fetch orders\"].bdy");
        cut.Find(".expr-warning").TextContent.Should().Contain("no member 'bdy'").And.Contain("'body'");

        cut.Find("input").Input("$node[\"Fetch orders\"].body.orders");
        cut.FindAll(".expr-warning").Should().BeEmpty();
    }

    [Fact]
    public void The_preview_shows_the_value_evaluated_against_the_last_run()
    {
        var (workflow, sample) = OrdersRun();
        var scope = DesignerScope.For(workflow, workflow.FindNode("n2")!, sample);
        var cut = RenderEditor(scope, Previewer(scope));

        cut.Find("input").Input("sum(map($json.body.orders, x => x.amount)) * 2");

        cut.WaitForAssertion(() => cut.Find("[data-testid=expr-preview]").TextContent.Should().EndWith("84"), PreviewWait);
        cut.Find("[data-testid=expr-preview]").TextContent.Should().Contain("Preview, with data of the last run");
    }

    [Fact]
    public void A_template_previews_as_the_text_it_renders()
    {
        var (workflow, sample) = OrdersRun();
        var scope = DesignerScope.For(workflow, workflow.FindNode("n2")!, sample);
        var cut = RenderEditor(scope, Previewer(scope), mode: ExpressionMode.Template);

        cut.Find("input").Input("Customer {{ $input.customer }} has {{ length($json.body.orders) }} orders");

        cut.WaitForAssertion(() => cut.Find("[data-testid=expr-preview]").TextContent.Should().EndWith("\"Customer c-42 has 2 orders\""), PreviewWait);
    }

    [Fact]
    public void A_runtime_error_is_previewed_with_its_position()
    {
        var (workflow, sample) = OrdersRun();
        var scope = DesignerScope.For(workflow, workflow.FindNode("n2")!, sample);
        var cut = RenderEditor(scope, Previewer(scope));

        const string text = "$json.status + $json.status.code";
        cut.Find("input").Input(text);

        cut.WaitForAssertion(() =>
        {
            var preview = cut.Find("[data-testid=expr-preview]");
            preview.ClassList.Should().Contain("is-error");
            preview.TextContent.Should().Contain($"Error at position {text.LastIndexOf("code", StringComparison.Ordinal) + 1}", "it points at 'code'")
                .And.Contain("Cannot read 'code' of number");
        }, PreviewWait);
    }

    [Fact]
    public void Pinned_data_upstream_is_what_the_preview_and_hints_use_before_any_run()
    {
        var workflow = Runs.Line("Fetch orders", "Total");
        workflow.FindNode("n1")!.PinnedOutput = new JsonObject { ["total"] = 7 };
        var scope = DesignerScope.For(workflow, workflow.FindNode("n2")!);
        var cut = RenderEditor(scope, Previewer(scope));

        cut.Find("input").Input("$json.total + $node[\"Fetch orders\"].total");

        cut.WaitForAssertion(() => cut.Find("[data-testid=expr-preview]").TextContent.Should().EndWith("14"), PreviewWait);
    }

    [Fact]
    public async Task A_slow_preview_never_overwrites_the_text_and_a_stale_result_is_never_shown()
    {
        var slow = new GatedPreview();
        var cut = RenderEditor(new ExpressionScope().Set("$json", new JsonObject()), slow, "1");
        cut.Find(".expr-field-wrap").FocusIn();

        cut.Find("input").Input("1 + 1");
        await slow.StartedAsync("1 + 1");
        cut.Find("input").Input("1 + 2");
        await slow.StartedAsync("1 + 2");
        // The parent re-renders with the committed value while the server is slow.
        cut.Render(p => p.Add(f => f.Value, "1"));

        slow.Release("1 + 2", "3");
        cut.WaitForAssertion(() => cut.Find("[data-testid=expr-preview]").TextContent.Should().EndWith("3"), PreviewWait);
        // The answer for the older text arrives last; the field must not show it.
        slow.Release("1 + 1", "2");
        await Task.Delay(200);

        cut.Find("[data-testid=expr-preview]").TextContent.Should().EndWith("3");
        cut.Find("input").GetAttribute("value").Should().Be("1 + 2");
    }

    /// <summary>A preview that answers only when the test says so: the server being slow.</summary>
    private sealed class GatedPreview : IExpressionPreview
    {
        private readonly Dictionary<string, TaskCompletionSource<ExpressionPreviewResult>> _pending = [];
        private readonly Dictionary<string, TaskCompletionSource> _started = [];

        public string Source => "test data";

        public Task<ExpressionPreviewResult> EvaluateAsync(string text, ExpressionMode mode, CancellationToken cancellationToken)
        {
            lock (_pending)
            {
                var gate = _pending[text] = new TaskCompletionSource<ExpressionPreviewResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                Started(text).TrySetResult();
                return gate.Task;   // ignores cancellation on purpose: the field must drop the stale answer itself
            }
        }

        public Task StartedAsync(string text)
        {
            lock (_pending) return Started(text).Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        public void Release(string text, string value)
        {
            lock (_pending) _pending[text].SetResult(ExpressionPreviewResult.Of(value));
        }

        private TaskCompletionSource Started(string text) =>
            _started.TryGetValue(text, out var started) ? started : _started[text] = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
