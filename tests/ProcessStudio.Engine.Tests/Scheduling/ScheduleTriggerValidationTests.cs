using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Tests.Support;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Tests.Scheduling;

public sealed class ScheduleTriggerValidationTests
{
    private static IReadOnlyList<ValidationProblem> Validate(object settings)
    {
        using var services = EngineServices.Build();
        var workflow = new WorkflowBuilder("Scheduled").Node("nightly", "schedule-trigger", settings).Build();
        return services.GetRequiredService<IWorkflowValidator>().Validate(workflow);
    }

    [Fact]
    public void A_bad_cron_names_the_node_and_the_cron_setting()
    {
        var problem = Validate(new { cron = "0 25 * * *" }).Should().ContainSingle().Subject;
        problem.NodeId.Should().Be("nightly");
        problem.Setting.Should().Be("cron");
        problem.Message.Should().StartWith("Node 'nightly': setting 'cron': '0 25 * * *' is not a valid cron expression");
    }

    [Fact]
    public void An_unknown_time_zone_names_the_node_and_the_timezone_setting()
    {
        var problem = Validate(new { cron = "0 9 * * *", timezone = "Europe/Atlantis" }).Should().ContainSingle().Subject;
        problem.Setting.Should().Be("timezone");
        problem.Message.Should().Contain("'Europe/Atlantis' is not a known IANA time zone id");
    }

    [Fact]
    public void A_missing_cron_is_reported_once_as_required()
    {
        Validate(new { timezone = "UTC" }).Should().ContainSingle().Which.Setting.Should().Be("cron");
    }

    [Fact]
    public void Valid_settings_with_seconds_and_a_zone_pass()
    {
        Validate(new { cron = "*/30 * * * * *", timezone = "America/New_York", misfirePolicy = "runOnce" }).Should().BeEmpty();
    }
}
