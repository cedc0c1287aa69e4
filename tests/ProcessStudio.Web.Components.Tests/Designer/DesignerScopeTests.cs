using ProcessStudio.Engine.Expressions;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Designer;

namespace ProcessStudio.Web.Components.Tests.Designer;

/// <summary>Expression hints for a node offer the nodes that run before it, never the ones after.</summary>
public sealed class DesignerScopeTests
{
    private static readonly ExpressionEngine Engine = new();

    [Fact]
    public void Upstream_nodes_are_offered_and_later_nodes_are_not()
    {
        var workflow = Runs.Line("Fetch", "Shape", "Send", "Archive");
        var hints = Engine.Completions(DesignerScope.For(workflow, workflow.FindNode("n3")!));

        hints.Should().Contain(h => h.Contains("Fetch")).And.Contain(h => h.Contains("Shape"));
        hints.Should().NotContain(h => h.Contains("Archive")).And.NotContain(h => h.Contains("Send"));
    }

    [Fact]
    public void A_node_on_a_compensating_path_is_offered_compensating_with_the_undone_nodes_output_and_others_are_not()
    {
        var workflow = Runs.Line("Charge", "Ship", "Refund");
        workflow.Connections.RemoveAll(c => c.TargetNodeId == "n3");
        workflow.Connections.Add(new Engine.Model.Connection("n1", "compensate", "n3"));
        var charge = workflow.FindNode("n1")!;
        charge.Policy.Compensate = true;
        charge.PinnedOutput = new System.Text.Json.Nodes.JsonObject { ["paymentId"] = "pay-7" };

        var refund = Engine.Completions(DesignerScope.For(workflow, workflow.FindNode("n3")!));
        var ship = Engine.Completions(DesignerScope.For(workflow, workflow.FindNode("n2")!));

        refund.Should().Contain("$compensating.output.paymentId").And.Contain("$compensating.key");
        ship.Should().NotContain(h => h.StartsWith("$compensating"));
    }

    [Fact]
    public void Every_earlier_node_of_a_long_line_is_offered()
    {
        var names = Enumerable.Range(1, 20).Select(i => $"Step{i:00}").ToArray();
        var workflow = Runs.Line(names);
        var hints = Engine.Completions(DesignerScope.For(workflow, workflow.FindNode("n20")!));
        foreach (var name in names[..^1]) hints.Should().Contain(h => h.Contains(name));
    }
}
