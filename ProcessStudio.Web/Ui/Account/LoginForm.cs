namespace ProcessStudio.Web.Ui.Account;

/// <summary>The posted fields of the login and setup forms.</summary>
public sealed class LoginForm
{
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}
