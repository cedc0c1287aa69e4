using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Components.Tests.Kit;

public sealed class ExpressionHintsTests
{
    private static readonly IReadOnlyList<string> Scope =
    [
        "$execution", "$input", "$json", "$node", "$vars",
        "$execution.id", "$json.status", "$json.items", "$node.Fetch", "$vars.limit",
        "upper()", "lower()",
    ];

    [Fact]
    public void With_nothing_typed_every_hint_is_offered_in_scope_order_up_to_the_limit()
    {
        ExpressionHints.Matching(Scope, "", 40).Should().Equal(Scope);
        ExpressionHints.Matching(Scope, "", 3).Should().Equal("$execution", "$input", "$json");
    }

    [Fact]
    public void Typing_filters_to_the_hints_that_complete_the_word()
    {
        ExpressionHints.Matching(Scope, "{{ $json.st", 40).Should().Equal("$json.status");
    }

    [Fact]
    public void A_hint_past_the_first_twelve_is_reachable_by_typing()
    {
        var many = Enumerable.Range(1, 30).Select(i => $"$vars.v{i:00}").Prepend("$vars").ToList();
        ExpressionHints.Matching(many, "$vars.v2", 40).Should().Contain("$vars.v25");
    }

    [Fact]
    public void Inserting_completes_the_word_being_typed()
    {
        ExpressionHints.Insert("{{ $json.st", "$json.status", ExpressionMode.Template).Should().Be("{{ $json.status");
    }

    [Fact]
    public void Inserting_with_nothing_typed_appends_a_template_part()
    {
        ExpressionHints.Insert("Hello", "$json.status", ExpressionMode.Template).Should().Be("Hello {{ $json.status }}");
        ExpressionHints.Insert("", "$json.status", ExpressionMode.Expression).Should().Be("$json.status");
    }

    [Fact]
    public void An_unknown_root_is_warned_with_the_names_in_scope()
    {
        var warnings = ExpressionHints.UnknownReferences("{{ $jsn.status }}", Scope);
        warnings.Should().ContainSingle().Which.Should().Contain("$jsn").And.Contain("$json");
    }

    [Fact]
    public void A_misspelt_member_of_a_known_shape_is_warned()
    {
        var warnings = ExpressionHints.UnknownReferences("{{ $json.staus }}", Scope);
        warnings.Should().ContainSingle().Which.Should().Contain("staus").And.Contain("status");
    }

    [Fact]
    public void Members_of_an_unknown_shape_pass()
    {
        ExpressionHints.UnknownReferences("{{ $input.anything.deep }}", Scope).Should().BeEmpty();
        ExpressionHints.UnknownReferences("{{ $json.status }}", Scope).Should().BeEmpty();
    }
}
