using ProcessStudio.Data.Security;

namespace ProcessStudio.Data.Tests;

/// <summary>One comparison form for user names: spellings a person reads as the same name get the same key.</summary>
public sealed class UserNameKeyTests
{
    [Theory]
    [InlineData("sisi", "\u017Fisi")]          // ſ, the long s, upper-cases to S
    [InlineData("sisi", "SISI")]
    [InlineData("sisi", "\uFF53\uFF49\uFF53\uFF49")]   // full-width ｓｉｓｉ
    [InlineData("kate", "\u212Aate")]          // K, the Kelvin sign
    [InlineData("isa", "ISA")]
    [InlineData("ada", "  ada ")]
    public void Variants_of_one_name_share_its_key(string name, string variant) =>
        UserNameKey.Of(variant).Should().Be(UserNameKey.Of(name));

    [Theory]
    [InlineData("sisi", "sis")]
    [InlineData("kate", "kâte")]
    [InlineData("isa", "\u0131sa")]   // case folding keeps the dotless ı its own letter
    [InlineData("isa", "\u0130sa")]   // and the dotted capital İ
    public void Different_names_keep_different_keys(string name, string other) =>
        UserNameKey.Of(other).Should().NotBe(UserNameKey.Of(name));

    [Fact]
    public void An_ASCII_name_keeps_the_upper_case_form_stored_before()
    {
        UserNameKey.Of("Ada.Lovelace-1").Should().Be("ADA.LOVELACE-1");
    }

    [Fact]
    public void A_lone_surrogate_does_not_throw()
    {
        var act = () => UserNameKey.Of("ad\uD800a");
        act.Should().NotThrow();
    }
}
