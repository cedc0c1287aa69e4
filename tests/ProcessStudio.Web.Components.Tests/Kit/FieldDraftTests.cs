using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Components.Tests.Kit;

public sealed class FieldDraftTests
{
    [Fact]
    public void A_stale_server_copy_does_not_overwrite_text_typed_in_a_focused_field()
    {
        var draft = new FieldDraft();
        draft.Receive("Hello");
        draft.Focused = true;
        draft.Type("Hello, wor");
        draft.Commit();
        draft.Type("Hello, world");

        draft.Receive("Hello, wo");   // the server's echo of an earlier commit arrives late

        draft.Text.Should().Be("Hello, world");
    }

    [Fact]
    public void A_new_value_from_elsewhere_is_taken_when_the_field_is_not_focused()
    {
        var draft = new FieldDraft();
        draft.Receive("before");
        draft.Receive("after undo");
        draft.Text.Should().Be("after undo");
        draft.IsEdited.Should().BeFalse();
    }

    [Fact]
    public void Commit_reports_a_change_only_once()
    {
        var draft = new FieldDraft();
        draft.Receive("a");
        draft.Type("ab");
        draft.IsEdited.Should().BeTrue();
        draft.Commit().Should().BeTrue();
        draft.Commit().Should().BeFalse();
        draft.IsEdited.Should().BeFalse();
    }
}
