using System.Net.Mail;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Connections.Smtp;
using ProcessStudio.Engine.Nodes.Settings;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>Sends an email through a named SMTP connection. Output: {messageId, accepted, to, subject}.</summary>
public sealed class SendEmailNode(IConnectionResolver connections) : NodeType
{
    public const string TypeName = "send-email";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Send Email",
        Category = NodeCategory.Action,
        Description = "Sends an email over SMTP using a connection from Settings → Connections. Addresses, subject and bodies may hold {{ }} templates.",
        Icon = "mail",
        Settings =
        [
            new("connection", "Connection", SettingKind.Connection) { Required = true, ConnectionType = SmtpConnectionType.TypeName, AllowsTemplates = false },
            new("to", "To", SettingKind.Text) { Required = true, Placeholder = "{{ $json.email }}", Description = "One or more addresses, separated by commas." },
            new("cc", "Cc", SettingKind.Text),
            new("bcc", "Bcc", SettingKind.Text),
            new("replyTo", "Reply to", SettingKind.Text),
            new("subject", "Subject", SettingKind.Text) { Required = true, Placeholder = "Order {{ $json.id }} shipped" },
            new("bodyText", "Text body", SettingKind.MultilineText),
            new("bodyHtml", "HTML body", SettingKind.MultilineText) { Description = "With a text body too, mail programs choose which one to show." },
            new("timeout", "Timeout", SettingKind.Duration) { Placeholder = "30s", Description = "Per attempt." },
        ],
    };

    public override async Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var (connection, smtp) = await ResolveAsync(context, cancellationToken);
        using var message = BuildMessage(context, smtp.From, cancellationToken);
        var timeout = DurationParser.TryParse(NodeJson.String(context.Setting("timeout")) ?? "", out var t) && t > TimeSpan.Zero ? t : DefaultTimeout;

        await SmtpMailer.SendAsync(smtp, message, timeout, cancellationToken);

        var recipients = message.To.Concat(message.CC).Concat(message.Bcc).Select(a => a.Address).ToList();
        context.Log(LogLevel.Information, $"Sent '{message.Subject}' to {recipients.Count} recipient(s) through connection '{connection.Name}'.");
        return NodeOutcome.Next(new JsonObject
        {
            ["messageId"] = message.Headers["Message-ID"],
            ["accepted"] = new JsonArray([.. recipients.Select(r => JsonValue.Create(r))]),
            ["to"] = new JsonArray([.. message.To.Select(a => JsonValue.Create(a.Address))]),
            ["subject"] = message.Subject,
        });
    }

    private async Task<(ResolvedConnection Connection, SmtpSettings Smtp)> ResolveAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var reference = NodeJson.String(context.Setting("connection"));
        if (string.IsNullOrWhiteSpace(reference))
            throw new NodeFailedException("Setting 'Connection' is empty: choose an SMTP connection.", "UnknownConnection");
        var connection = await connections.ResolveAsync(reference, cancellationToken)
            ?? throw new NodeFailedException($"Setting 'Connection': there is no connection '{reference}'. Create it under Settings → Connections or choose another one.",
                "UnknownConnection");
        if (connection.Type != SmtpConnectionType.TypeName)
            throw new NodeFailedException($"Setting 'Connection': '{connection.Name}' is a {connection.Type} connection, not an SMTP connection.", "UnknownConnection");
        try
        {
            return (connection, SmtpSettings.Read(connection.Values));
        }
        catch (FormatException ex)
        {
            throw new NodeFailedException($"Connection '{connection.Name}' is incomplete: {ex.Message}", "InvalidConnection");
        }
    }

    private static MailMessage BuildMessage(NodeContext context, MailAddress from, CancellationToken cancellationToken)
    {
        var message = new MailMessage
        {
            From = from,
            Subject = context.EvaluatedText("subject", cancellationToken) ?? "",
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        try
        {
            AddAddresses(context, "to", "To", message.To, cancellationToken);
            if (message.To.Count == 0)
                throw new NodeFailedException("Setting 'To' rendered no address.", "InvalidAddress");
            AddAddresses(context, "cc", "Cc", message.CC, cancellationToken);
            AddAddresses(context, "bcc", "Bcc", message.Bcc, cancellationToken);
            AddAddresses(context, "replyTo", "Reply to", message.ReplyToList, cancellationToken);
            SetBody(message, context.EvaluatedText("bodyText", cancellationToken), context.EvaluatedText("bodyHtml", cancellationToken));
            // Our own id, so the output can name the message the way the recipient's server will see it.
            message.Headers["Message-ID"] = $"<{Guid.NewGuid():N}@{from.Host}>";
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private static void AddAddresses(NodeContext context, string setting, string label, MailAddressCollection target, CancellationToken cancellationToken)
    {
        var text = context.EvaluatedText(setting, cancellationToken);
        foreach (var address in (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!MailAddress.TryCreate(address, out var parsed))
                throw new NodeFailedException($"Setting '{label}': '{address}' is not an email address.", "InvalidAddress");
            target.Add(parsed);
        }
    }

    private static void SetBody(MailMessage message, string? text, string? html)
    {
        if (html is null)
        {
            message.Body = text ?? "";
            return;
        }
        if (text is null)
        {
            message.Body = html;
            message.IsBodyHtml = true;
            return;
        }
        message.Body = text;
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, Encoding.UTF8, "text/html"));
    }
}
