namespace ProcessStudio.Web.Ui.Kit;

public sealed record SelectOption(string Value, string Label)
{
    public static IReadOnlyList<SelectOption> From(IEnumerable<string> values) => values.Select(v => new SelectOption(v, v)).ToList();
}
