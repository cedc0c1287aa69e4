using System.Text;

namespace ProcessStudio.Data.Security;

/// <summary>
/// The one form in which user names are compared: account lookup, the uniqueness check and the sign-in lockout key
/// all use it, so no spelling of a name can reach the account while escaping its lockout. NFKC folds compatibility
/// forms (full-width letters, 'ſ', the Kelvin sign); lower-then-upper casing folds case (the Turkish 'ı' and 'İ' stay
/// letters of their own, as in Unicode case folding) and leaves ASCII names exactly as the earlier upper-case form
/// stored them.
/// </summary>
public static class UserNameKey
{
    public static string Of(string userName)
    {
        var compatible = WellFormed(userName.Trim()).Normalize(NormalizationForm.FormKC);
        return compatible.ToLowerInvariant().ToUpperInvariant().Normalize(NormalizationForm.FormKC);
    }

    /// <summary>Lone surrogates (which Normalize refuses) become U+FFFD; account names with them are refused earlier.</summary>
    private static string WellFormed(string text) => HasLoneSurrogate(text) ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) : text;

    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }
}
