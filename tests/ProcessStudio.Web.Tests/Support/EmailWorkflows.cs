using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>SMTP connections and Send Email workflows for the connection and email tests.</summary>
public static class EmailWorkflows
{
    public static object SmtpConnection(string name, int port, string? username = null, string? password = null, string security = "none") => new
    {
        name,
        type = "smtp",
        fields = new Dictionary<string, object?>
        {
            ["host"] = "127.0.0.1",
            ["port"] = port,
            ["security"] = security,
            ["username"] = username,
            ["password"] = password,
            ["fromAddress"] = "robot@processstudio.test",
            ["fromName"] = "Process Robot",
        },
    };

    public static async Task<Guid> CreateConnectionAsync(this ApiClient api, object connection)
    {
        var response = await api.PostAsync("/api/v1/connections", connection);
        response.ShouldHave(HttpStatusCode.Created);
        return response.Data["id"]!.GetValue<Guid>();
    }

    /// <summary>Manual trigger → Send Email, with the given settings over sensible defaults (input.name in the templates).</summary>
    public static WorkflowDefinition SendEmail(string connection, string name = "Send email", JsonObject? overrides = null)
    {
        var settings = new JsonObject
        {
            ["connection"] = connection,
            ["to"] = "{{ $input.email }}",
            ["cc"] = "audit@processstudio.test",
            ["subject"] = "Welcome, {{ $input.name }}!",
            ["bodyText"] = "Hello {{ $input.name }}, your order {{ $input.order }} is confirmed.",
        };
        foreach (var (key, value) in overrides ?? [])
            settings[key] = value?.DeepClone();
        return TestWorkflows.Chain(name, TestWorkflows.Node("mail", "send-email", settings));
    }

    public static readonly object Input = new { email = "ada@example.test", name = "Ada", order = 1042 };
}
