namespace ProcessStudio.Web.Ui.Kit;

/// <summary>A choice in a MudSelect: the stored value and what people read.</summary>
public sealed record SelectOption(string Value, string Label)
{
    public static IReadOnlyList<SelectOption> From(IEnumerable<string> values) => values.Select(v => new SelectOption(v, v)).ToList();

    /// <summary>The label shown for a selected value (MudSelect shows this text in its field).</summary>
    public static string LabelOf(IEnumerable<SelectOption> options, string? value) =>
        value is null ? "" : options.FirstOrDefault(o => o.Value == value)?.Label ?? value;
}
