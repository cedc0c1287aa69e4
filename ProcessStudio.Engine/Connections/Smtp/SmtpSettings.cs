using System.Net.Mail;

namespace ProcessStudio.Engine.Connections.Smtp;

public enum SmtpSecurity { None, StartTls, Ssl }

/// <summary>The values of an SMTP connection, typed. Field names are the ones <see cref="SmtpConnectionType"/> declares.</summary>
public sealed record SmtpSettings(string Host, int Port, SmtpSecurity Security, string? Username, string? Password, MailAddress From)
{
    public const string HostField = "host";
    public const string PortField = "port";
    public const string SecurityField = "security";
    public const string UsernameField = "username";
    public const string PasswordField = "password";
    public const string FromAddressField = "fromAddress";
    public const string FromNameField = "fromName";

    public const int DefaultPort = 587;

    public static readonly IReadOnlyDictionary<string, SmtpSecurity> SecurityModes = new Dictionary<string, SmtpSecurity>
    {
        ["none"] = SmtpSecurity.None,
        ["startTls"] = SmtpSecurity.StartTls,
        ["ssl"] = SmtpSecurity.Ssl,
    };

    /// <summary>Reads the values; throws <see cref="FormatException"/> naming the field when one is missing or malformed.</summary>
    public static SmtpSettings Read(ConnectionValues values)
    {
        var host = values.Text(HostField) ?? throw new FormatException($"'{HostField}' is required.");
        var port = values.Integer(PortField) ?? DefaultPort;
        var security = SecurityModes.GetValueOrDefault(values.Text(SecurityField) ?? "startTls", SmtpSecurity.StartTls);
        var fromAddress = values.Text(FromAddressField) ?? throw new FormatException($"'{FromAddressField}' is required.");
        MailAddress from;
        try
        {
            from = new MailAddress(fromAddress, values.Text(FromNameField));
        }
        catch (FormatException)
        {
            throw new FormatException($"'{FromAddressField}' is not an email address: '{fromAddress}'.");
        }
        return new SmtpSettings(host, port, security, values.Text(UsernameField), values.Text(PasswordField), from);
    }
}
