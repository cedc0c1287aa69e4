using System.Net.Mail;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MimeKit;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Connections.Smtp;
using ProcessStudio.Engine.Nodes.Settings;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>Sends an email through a named SMTP connection (MailKit). Output: {messageId, accepted, to, subject}.</summary>
public sealed class SendEmailNode(IConnectionResolver connections, SmtpSender sender) : NodeType
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

        await sender.SendAsync(smtp, message, timeout, cancellationToken);

        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).Select(a => a.Address).ToList();
        context.Log(LogLevel.Information, $"Sent '{message.Subject}' to {recipients.Count} recipient(s) through connection '{connection.Name}'.");
        return NodeOutcome.Next(new JsonObject
        {
            ["messageId"] = $"<{message.MessageId}>",
            ["accepted"] = new JsonArray([.. recipients.Select(r => JsonValue.Create(r))]),
            ["to"] = new JsonArray([.. message.To.Mailboxes.Select(a => JsonValue.Create(a.Address))]),
            ["subject"] = message.Subject,
        });
    }

    private async Task<(ResolvedConnection Connection, SmtpSettings Smtp)> ResolveAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var connection = await connections.ResolveAsync(NodeJson.String(context.Setting("connection")), "Connection",
            [SmtpConnectionType.TypeName], "an SMTP connection", cancellationToken);
        try
        {
            return (connection, SmtpSettings.Read(connection.Values));
        }
        catch (FormatException ex)
        {
            throw new NodeFailedException($"Connection '{connection.Name}' is incomplete: {ex.Message}", "InvalidConnection");
        }
    }

    private static MimeMessage BuildMessage(NodeContext context, MailAddress from, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = context.EvaluatedText("subject", cancellationToken) ?? "" };
        try
        {
            message.From.Add(new MailboxAddress(from.DisplayName, from.Address));
            AddAddresses(context, "to", "To", message.To, cancellationToken);
            if (message.To.Count == 0)
                throw new NodeFailedException("Setting 'To' rendered no address.", "InvalidAddress");
            AddAddresses(context, "cc", "Cc", message.Cc, cancellationToken);
            AddAddresses(context, "bcc", "Bcc", message.Bcc, cancellationToken);
            AddAddresses(context, "replyTo", "Reply to", message.ReplyTo, cancellationToken);
            var text = context.EvaluatedText("bodyText", cancellationToken);
            var html = context.EvaluatedText("bodyHtml", cancellationToken);
            // Both bodies make a multipart/alternative message; mail programs choose which one to show.
            message.Body = new BodyBuilder { TextBody = text ?? (html is null ? "" : null), HtmlBody = html }.ToMessageBody();
            // Our own id, so the output can name the message the way the recipient's server will see it.
            message.MessageId = $"{Guid.NewGuid():N}@{from.Host}";
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <summary>Addresses are checked by System.Net.Mail's parser, which refuses a bare word ("nobody") that MIME would accept.</summary>
    private static void AddAddresses(NodeContext context, string setting, string label, InternetAddressList target, CancellationToken cancellationToken)
    {
        var text = context.EvaluatedText(setting, cancellationToken);
        foreach (var address in (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!MailAddress.TryCreate(address, out var parsed))
                throw new NodeFailedException($"Setting '{label}': '{address}' is not an email address.", "InvalidAddress");
            target.Add(new MailboxAddress(parsed.DisplayName, parsed.Address));
        }
    }
}
