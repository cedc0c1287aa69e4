using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Ui.Account;

namespace ProcessStudio.Web.Components.Tests.Account;

/// <summary>The sign-in and setup forms post without a circuit: the browser must find each field by its name and label.</summary>
public sealed class AuthFieldTests : ComponentTest
{
    [Fact]
    public void The_input_posts_under_the_form_models_name_and_is_labelled()
    {
        var cut = Render<AuthField>(p => p
            .Add(f => f.Label, "User name").Add(f => f.Name, "Input.UserName").Add(f => f.Value, "ada")
            .Add(f => f.Autocomplete, "username").Add(f => f.Autofocus, true));

        var input = cut.Find("input");
        input.GetAttribute("name").Should().Be("Input.UserName");
        input.GetAttribute("value").Should().Be("ada");
        input.GetAttribute("autocomplete").Should().Be("username");
        input.GetAttribute("data-autofocus").Should().Be("true");
        var label = cut.Find("label");
        label.TextContent.Should().Be("User name");
        label.GetAttribute("for").Should().NotBeNullOrEmpty().And.Be(input.Id);
    }

    [Fact]
    public void A_secret_is_a_password_input_and_an_error_replaces_the_help()
    {
        var cut = Render<AuthField>(p => p
            .Add(f => f.Label, "Password").Add(f => f.Name, "Input.Password").Add(f => f.Secret, true)
            .Add(f => f.Help, "At least 12 characters.").Add(f => f.Error, "Too short."));

        cut.Find("input").GetAttribute("type").Should().Be("password");
        cut.Markup.Should().Contain("Too short.").And.NotContain("At least 12 characters.");
        cut.Find(".mud-input-control").ClassList.Should().Contain("mud-input-error");
    }
}
