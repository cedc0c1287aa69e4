using System.Net.Mail;

namespace ProcessStudio.Engine.Connections.Smtp;

/// <summary>An SMTP server to send mail through (Send Email node). The password is the one secret field.</summary>
public sealed class SmtpConnectionType(SmtpProbe probe) : ConnectionType
{
    public const string TypeName = "smtp";

    public override ConnectionTypeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "SMTP",
        Description = "A mail server that accepts messages over SMTP. Used by the Send Email node.",
        Icon = "mail",
        Fields =
        [
            new(SmtpSettings.HostField, "Host", ConnectionFieldKind.Text) { Required = true, Placeholder = "smtp.example.com" },
            new(SmtpSettings.PortField, "Port", ConnectionFieldKind.Integer) { Default = "587", Min = 1, Max = 65535, Description = "587 for STARTTLS, 465 for SSL, 25 for none." },
            new(SmtpSettings.SecurityField, "Security", ConnectionFieldKind.Select) { Options = [.. SmtpSettings.SecurityModes.Keys], Default = "startTls" },
            new(SmtpSettings.UsernameField, "Username", ConnectionFieldKind.Text) { Description = "Leave empty when the server needs no login." },
            new(SmtpSettings.PasswordField, "Password", ConnectionFieldKind.Text) { Secret = true },
            new(SmtpSettings.FromAddressField, "From address", ConnectionFieldKind.Text) { Required = true, Placeholder = "robot@example.com" },
            new(SmtpSettings.FromNameField, "From name", ConnectionFieldKind.Text) { Placeholder = "ProcessStudio" },
        ],
    };

    public override IEnumerable<(string Field, string Message)> Validate(ConnectionValues values)
    {
        if (values.Text(SmtpSettings.FromAddressField) is { } address && !MailAddress.TryCreate(address, out _))
            yield return (SmtpSettings.FromAddressField, $"'{address}' is not an email address.");
        if (values.Text(SmtpSettings.PasswordField) is not null && values.Text(SmtpSettings.UsernameField) is null)
            yield return (SmtpSettings.UsernameField, "A password needs a username.");
    }

    public override Task<ConnectionTestResult> TestAsync(ConnectionValues values, CancellationToken cancellationToken) =>
        probe.RunAsync(SmtpSettings.Read(values), TimeSpan.FromSeconds(15), cancellationToken);
}
