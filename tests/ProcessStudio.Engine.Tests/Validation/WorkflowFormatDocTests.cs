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
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "workflow-format.md"));
        var json = Regex.Match(doc, "```json\\n(?<json>.*?)```", RegexOptions.Singleline).Groups["json"].Value;
        using var services = EngineServices.Build();

        var workflow = WorkflowJson.Deserialize(json);
        var problems = services.GetRequiredService<IWorkflowValidator>().Validate(workflow);

        problems.Should().BeEmpty();
        workflow.Nodes.Should().HaveCount(10);
        workflow.StickyNotes.Should().ContainSingle().Which.Text.Should().Contain("one call per second");
        WorkflowJson.Deserialize(WorkflowJson.Serialize(workflow)).Connections.Should().Equal(workflow.Connections);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ProcessStudio.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
