using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Tests.Validation;

/// <summary>Misused control-flow nodes are reported at save time, naming the node, the setting and what is wrong.</summary>
public sealed class ControlFlowValidationTests : IDisposable
{
    private readonly ServiceProvider _services = EngineServices.Build();

    private IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition workflow) => _services.GetRequiredService<IWorkflowValidator>().Validate(workflow);

    [Fact]
    public void An_unlock_with_no_lock_before_it_on_its_path_is_reported()
    {
        // The Lock exists, but on another branch: the Unlock would release nothing.
        var workflow = new WorkflowBuilder("unlock-off-path")
            .Trigger()
            .Node("lock", "lock", new { key = "stock" })
            .Node("work", "log", new { message = "inside" })
            .Node("unlock", "unlock", new { key = "stock" })
            .Node("stray", "unlock", new { key = "stock" })
            .Chain("start", "lock", "work", "unlock").Chain("start", "stray")
            .Build();

        var problems = Validate(workflow).Where(p => p.Code == "lock.unpaired").ToList();

        problems.Should().ContainSingle().Which.Should().Match<ValidationProblem>(p =>
            p.NodeId == "stray" && p.Setting == "key" && p.Message.Contains("no Lock of that key and scope comes before it on its path") && p.Message.Contains("'lock'"));
    }

    [Fact]
    public void An_unlock_of_a_key_no_lock_takes_and_a_lock_never_released_are_reported()
    {
        var workflow = new WorkflowBuilder("unpaired")
            .Trigger()
            .Node("lock", "lock", new { key = "a", scope = "global" })
            .Node("unlock", "unlock", new { key = "a" })
            .Chain("start", "lock", "unlock")
            .Build();

        var problems = Validate(workflow);

        problems.Should().Contain(p => p.Code == "lock.unpaired" && p.NodeId == "unlock" && p.Message.Contains("no Lock node takes that key and scope"));
        problems.Should().Contain(p => p.Code == "lock.unreleased" && p.NodeId == "lock" && p.Setting == "key" && p.Message.Contains("until the run ends"));
        problems.Where(p => p.Code.StartsWith("lock.", StringComparison.Ordinal)).Should().OnlyContain(p => p.Severity == ProblemSeverity.Warning,
            "an unpaired Lock or Unlock still runs correctly; the designer warns");
    }

    [Fact]
    public void A_lock_and_unlock_on_one_path_are_accepted()
    {
        var workflow = new WorkflowBuilder("paired")
            .Trigger()
            .Node("lock", "lock", new { key = "inventory-{{ $json.sku }}", scope = "global" })
            .Node("unlock", "unlock", new { key = "inventory-{{ $json.sku }}", scope = "global" })
            .Chain("start", "lock", "unlock")
            .Build();

        Validate(workflow).Where(p => p.Code.StartsWith("lock.", StringComparison.Ordinal)).Should().BeEmpty();
    }

    public void Dispose() => _services.Dispose();
}
