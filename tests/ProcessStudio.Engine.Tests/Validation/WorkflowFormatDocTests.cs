using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Tests.Validation;

/// <summary>The complete example in docs/workflow-format.md must stay a valid workflow.</summary>
public sealed class WorkflowFormatDocTests
{
    [Fact]
    public void The_documented_example_parses_validates_and_round_trips()
    {
        var doc = RepositoryFiles.Read("docs", "workflow-format.md");
        var json = Regex.Match(doc, "```json\\n(?<json>.*?)```", RegexOptions.Singleline).Groups["json"].Value;
        using var services = EngineServices.Build();

        var workflow = WorkflowJson.Deserialize(json);
        var problems = services.GetRequiredService<IWorkflowValidator>().Validate(workflow);

        problems.Should().BeEmpty();
        workflow.Nodes.Should().HaveCount(10);
        workflow.StickyNotes.Should().ContainSingle().Which.Text.Should().Contain("one call per second");
        WorkflowJson.Deserialize(WorkflowJson.Serialize(workflow)).Connections.Should().Equal(workflow.Connections);
    }

    [Fact]
    public void The_documented_saga_example_validates_with_its_compensating_paths()
    {
        var doc = RepositoryFiles.Read("docs", "workflow-format.md");
        var json = Regex.Matches(doc, "```json\n(?<json>.*?)```", RegexOptions.Singleline).Select(m => m.Groups["json"].Value)
            .Single(j => j.Contains("Order saga"));
        using var services = EngineServices.Build();

        var workflow = WorkflowJson.Deserialize(json);
        var problems = services.GetRequiredService<IWorkflowValidator>().Validate(workflow);

        problems.Where(p => p.Severity == ProblemSeverity.Error).Should().BeEmpty();
        workflow.Settings.Compensation.Should().Be(Model.CompensationTrigger.OnFailureOrCancel);
        workflow.Nodes.Where(n => n.Policy.Compensate).Select(n => n.Id).Should().Equal("charge", "reserve");
        WorkflowJson.Deserialize(WorkflowJson.Serialize(workflow)).Nodes.Count(n => n.Policy.Compensate).Should().Be(2);
    }

    [Fact]
    public void The_documented_race_example_validates_once_completed_with_ids()
    {
        var doc = RepositoryFiles.Read("docs", "workflow-format.md");
        var json = Regex.Matches(doc, "```json\n(?<json>.*?)```", RegexOptions.Singleline).Select(m => m.Groups["json"].Value)
            .Single(j => j.Contains("Supplier A"));
        using var services = EngineServices.Build();

        var workflow = WorkflowJson.Deserialize(json);
        workflow.Name = "Race";
        var problems = services.GetRequiredService<IWorkflowValidator>().Validate(workflow);

        problems.Where(p => p.Severity == ProblemSeverity.Error).Should().BeEmpty();
        workflow.Groups.Should().ContainSingle(g => g.Name == "Suppliers");
    }

    [Fact]
    public void Every_control_flow_example_validates_once_named()
    {
        var doc = RepositoryFiles.Read("docs", "workflow-format.md");
        var section = doc[doc.IndexOf("## Control-flow examples", StringComparison.Ordinal)..];
        var examples = Regex.Matches(section, "```json\n(?<json>.*?)```", RegexOptions.Singleline).Select(m => m.Groups["json"].Value).ToList();
        using var services = EngineServices.Build();

        examples.Should().HaveCount(4);
        var types = new HashSet<string>();
        foreach (var json in examples)
        {
            var workflow = WorkflowJson.Deserialize(json);
            workflow.Name = "Example";
            services.GetRequiredService<IWorkflowValidator>().Validate(workflow).Where(p => p.Severity == ProblemSeverity.Error)
                .Should().BeEmpty(json);
            types.UnionWith(workflow.Nodes.Select(n => n.Type));
        }
        types.Should().Contain(["join", "for-each", "lock", "unlock", "milestone"]);
    }
}
