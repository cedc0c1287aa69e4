using System.Net.Security;

namespace ProcessStudio.Engine.Connections.Smtp;

/// <summary>
/// How this process checks SMTP servers' TLS certificates. Deliberately not bound to configuration: a callback can only
/// be set in code, so only a test host (trusting its own throwaway certificate) replaces the operating system's check.
/// </summary>
public sealed class SmtpTransportOptions
{
    /// <summary>Null (the default): the system's certificate validation, as for any HTTPS call.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }
}
