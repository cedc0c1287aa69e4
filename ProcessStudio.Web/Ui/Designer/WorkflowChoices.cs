using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>The options of a workflow picker: other workflows by name, plus the current choice even if it was deleted since.</summary>
public static class WorkflowChoices
{
    public static IReadOnlyList<SelectOption> For(IReadOnlyList<WorkflowSummary> workflows, Guid? exclude, Guid? selected)
    {
        var options = workflows.Where(w => w.Id != exclude)
            .OrderBy(w => w.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(w => new SelectOption(w.Id.ToString(), w.Name))
            .ToList();
        if (selected is { } id && options.All(o => o.Value != id.ToString()))
            options.Add(new SelectOption(id.ToString(), id == exclude ? "(this workflow)" : $"(missing workflow {id.ToString()[..8]})"));
        return options;
    }
}
