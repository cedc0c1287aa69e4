using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Tests.Validation;

/// <summary>Misdrawn compensating paths are refused at save time, each with a message that names the node and says what to do.</summary>
public sealed class CompensationValidationTests : IDisposable
{
    private readonly ServiceProvider _services = EngineServices.Build();

    public void Dispose() => _services.Dispose();

    private IReadOnlyList<ValidationProblem> Errors(WorkflowDefinition workflow) =>
        _services.GetRequiredService<IWorkflowValidator>().Validate(workflow).Where(p => p.Severity == ProblemSeverity.Error).ToList();

    private static WorkflowBuilder Saga() => new WorkflowBuilder("saga").Trigger()
        .Node("charge", "transform", new { fields = new { paid = true } }, n => { n.Name = "Charge"; n.Policy.Compensate = true; })
        .Node("ship", "log", new { message = "ship" })
        .Node("refund", "log", new { message = "refund {{ $compensating.output.paid }}" }, n => n.Name = "Refund")
        .Chain("start", "charge", "ship");

    [Fact]
    public void A_compensating_path_off_the_compensate_port_is_valid() =>
        Errors(Saga().Connect("charge", "refund", "compensate").Build()).Should().BeEmpty();

    [Fact]
    public void A_compensate_port_linked_to_nothing_is_refused()
    {
        var errors = Errors(Saga().Build());

        errors.Should().ContainSingle(p => p.Code == "compensate.unconnected" && p.NodeId == "charge" && p.Setting == "policy.compensate")
            .Which.Message.Should().Contain("nothing is linked to its Compensate port");
    }

    [Fact]
    public void A_compensating_path_that_leads_back_into_the_main_path_is_refused()
    {
        var errors = Errors(Saga().Connect("charge", "refund", "compensate").Connect("refund", "ship").Build());

        errors.Should().ContainSingle(p => p.Code == "compensate.joins-main-path" && p.NodeId == "ship")
            .Which.Message.Should().Contain("may not lead back into the main path");
    }

    [Fact]
    public void A_node_on_a_compensating_path_may_not_declare_compensation_itself()
    {
        var workflow = Saga().Connect("charge", "refund", "compensate")
            .Node("audit", "log", new { message = "undo" }).Connect("refund", "audit", "compensate").Build();
        workflow.Nodes.Single(n => n.Id == "refund").Policy.Compensate = true;

        Errors(workflow).Should().ContainSingle(p => p.Code == "compensate.nested" && p.NodeId == "refund");
    }

    [Fact]
    public void A_compensate_link_from_a_node_without_compensation_names_the_missing_port()
    {
        var workflow = Saga().Connect("ship", "refund", "compensate").Connect("charge", "refund", "compensate").Build();

        Errors(workflow).Should().ContainSingle(p => p.Code == "connection.unknown-port" && p.NodeId == "ship");
    }
}
