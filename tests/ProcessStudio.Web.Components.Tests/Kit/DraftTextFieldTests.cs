using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Components.Tests.Kit;

public sealed class DraftTextFieldTests : ComponentTest
{
    [Fact]
    public void Keystrokes_survive_a_re_render_with_the_older_committed_value()
    {
        var cut = Render<DraftTextField>(p => p.Add(f => f.Label, "Cron").Add(f => f.Value, "0 6 * * *"));
        cut.Find(".draft-field").FocusIn();
        cut.Find("input").Input("0 6 * * 1-5");

        cut.Render(p => p.Add(f => f.Value, "0 6 * * *"));

        cut.Find("input").GetAttribute("value").Should().Be("0 6 * * 1-5");
    }

    [Fact]
    public void A_value_changed_elsewhere_shows_when_the_field_is_not_being_edited()
    {
        var cut = Render<DraftTextField>(p => p.Add(f => f.Value, "before"));
        cut.Render(p => p.Add(f => f.Value, "after undo"));
        cut.Find("input").GetAttribute("value").Should().Be("after undo");
    }

    [Fact]
    public void The_validators_message_hides_while_the_person_types_a_new_value()
    {
        var cut = Render<DraftTextField>(p => p.Add(f => f.Label, "URL").Add(f => f.Value, "").Add(f => f.Error, "'URL' is required"));
        cut.Markup.Should().Contain("is required");
        cut.Find(".draft-field").FocusIn();
        cut.Find("input").Input("https://example.org");
        cut.Markup.Should().NotContain("is required");
    }
}
