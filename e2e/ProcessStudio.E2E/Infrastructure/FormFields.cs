using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>Form fields found by their label as a person reads it, the required-field asterisk aside.</summary>
public static class FormFields
{
    /// <summary>Fills the field and leaves it with Tab, which commits the value.</summary>
    public static async Task FillFieldAsync(this ILocator scope, string label, string value)
    {
        var field = scope.GetByLabel(ExactLabel(label));
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    /// <summary>A field's label exactly, with or without the required-field asterisk.</summary>
    public static Regex ExactLabel(string text) => new($"^{Regex.Escape(text)}\\*?$");
}
