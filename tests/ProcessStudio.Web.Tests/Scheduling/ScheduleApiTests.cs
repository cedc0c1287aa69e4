using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Scheduling;

public sealed class ScheduleApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private ScheduledApp _app = null!;

    private ApiClient Api => _app.Api;

    public Task InitializeAsync()
    {
        _app = new ScheduledApp(_folder.Path, new FakeTimeProvider(Now));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Activate_shows_the_next_five_fire_times_and_deactivate_turns_it_off()
    {
        var id = await Api.CreateWorkflowAsync(ScheduledApp.Workflow("Weekdays at nine in Berlin", "0 9 * * 1-5", timezone: "Europe/Berlin"));

        var inactive = await Api.GetAsync($"/api/v1/workflows/{id}/schedule");
        inactive.ShouldHave(HttpStatusCode.OK);
        inactive.Data["active"]!.GetValue<bool>().Should().BeFalse();
        inactive.Data["nextFireTimes"]!.AsArray().Should().HaveCount(5, "an inactive schedule still previews its times");

        var active = await Api.PostAsync($"/api/v1/workflows/{id}/activate");
        active.ShouldHave(HttpStatusCode.OK);
        active.Data["active"]!.GetValue<bool>().Should().BeTrue();
        active.Data["cron"]!.GetValue<string>().Should().Be("0 9 * * 1-5");
        active.Data["timezone"]!.GetValue<string>().Should().Be("Europe/Berlin");
        active.Data["misfirePolicy"]!.GetValue<string>().Should().Be("skip");
        active.Data["nextFireTimes"]!.AsArray().Select(t => t!.GetValue<DateTimeOffset>()).Should().Equal(
            // Monday 2 March 2026, 08:30Z = 09:30 CET: today's nine has passed, so Tuesday to Friday, then Monday.
            At(3, 8), At(4, 8), At(5, 8), At(6, 8), At(9, 8));

        var off = await Api.PostAsync($"/api/v1/workflows/{id}/deactivate");
        off.ShouldHave(HttpStatusCode.OK);
        off.Data["active"]!.GetValue<bool>().Should().BeFalse();
        (await Api.GetAsync($"/api/v1/workflows/{id}/schedule")).Data["active"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task A_workflow_without_a_schedule_trigger_cannot_be_activated()
    {
        var id = await Api.CreateWorkflowAsync(TestWorkflows.Hello());

        var response = await Api.PostAsync($"/api/v1/workflows/{id}/activate");

        response.ShouldHave(HttpStatusCode.Conflict);
        response.Body.Should().Contain("has no enabled Schedule trigger");
        (await Api.GetAsync($"/api/v1/workflows/{id}/schedule")).Data["hasScheduleTrigger"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task A_new_version_recomputes_the_schedule_and_deleting_the_workflow_removes_it()
    {
        var workflow = ScheduledApp.Workflow("Changing schedule", "0 9 * * *");
        var id = await Api.CreateWorkflowAsync(workflow);
        await _app.ActivateAsync(id);

        workflow.Id = id;
        workflow.Nodes[0].Settings["cron"] = "45 8 * * *";
        (await Api.PutAsync($"/api/v1/workflows/{id}", workflow)).ShouldHave(HttpStatusCode.OK);

        var schedule = await Api.GetAsync($"/api/v1/workflows/{id}/schedule");
        schedule.Data["active"]!.GetValue<bool>().Should().BeTrue();
        schedule.Data["nextFireTimes"]![0]!.GetValue<DateTimeOffset>().Should().Be(Now.AddMinutes(15));

        (await Api.DeleteAsync($"/api/v1/workflows/{id}")).ShouldHave(HttpStatusCode.OK);
        (await Api.GetAsync($"/api/v1/workflows/{id}/schedule")).ShouldHave(HttpStatusCode.NotFound);
        (await Api.PostAsync($"/api/v1/workflows/{id}/activate")).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_cron_or_time_zone_is_refused_naming_the_node_setting()
    {
        var response = await Api.PostAsync("/api/v1/workflows", ScheduledApp.Workflow("Broken", "0 9 * *", timezone: "Nowhere/Special"));

        response.ShouldHave(HttpStatusCode.BadRequest);
        var errors = response.Json["errors"]!.AsObject();
        errors["nodes[tick].settings.cron"]![0]!.GetValue<string>().Should().Contain("has 4");
        errors["nodes[tick].settings.timezone"]![0]!.GetValue<string>().Should().Contain("'Nowhere/Special' is not a known IANA time zone id");
    }

    [Theory]
    [InlineData("0 0 31 2 *")]
    [InlineData("0 0 30 2 *")]
    public async Task A_cron_that_never_fires_is_refused_on_save_naming_the_setting(string cron)
    {
        var created = await Api.PostAsync("/api/v1/workflows", ScheduledApp.Workflow("Never", cron)).WaitAsync(CallLimit);
        created.ShouldHave(HttpStatusCode.BadRequest);
        created.Json["errors"]!["nodes[tick].settings.cron"]![0]!.GetValue<string>().Should().Contain($"'{cron}' never fires");

        var workflow = ScheduledApp.Workflow("Nightly", "0 0 * * *");
        workflow.Id = await Api.CreateWorkflowAsync(workflow);
        workflow.Nodes[0].Settings["cron"] = cron;
        var updated = await Api.PutAsync($"/api/v1/workflows/{workflow.Id}", workflow).WaitAsync(CallLimit);
        updated.ShouldHave(HttpStatusCode.BadRequest);
        updated.Json["errors"]!["nodes[tick].settings.cron"]![0]!.GetValue<string>().Should().Contain("never fires");
    }

    [Fact]
    public async Task A_step_of_zero_is_refused_on_save_naming_the_setting()
    {
        var response = await Api.PostAsync("/api/v1/workflows", ScheduledApp.Workflow("Zero step", "*/0 * * * *")).WaitAsync(CallLimit);

        response.ShouldHave(HttpStatusCode.BadRequest);
        response.Json["errors"]!["nodes[tick].settings.cron"]![0]!.GetValue<string>().Should().Contain("'*/0 * * * *' is not a valid cron expression");
    }

    [Fact]
    public async Task A_never_firing_cron_saved_without_validation_answers_every_schedule_call_at_once()
    {
        // The designer saves drafts with problems straight to the store; such a version must not hang a schedule call.
        var saved = await _app.Services.GetRequiredService<IWorkflowStore>()
            .SaveAsync(ScheduledApp.Workflow("Draft", "0 0 31 2 *"), "draft", CancellationToken.None);
        var id = saved.WorkflowId;

        var preview = await Api.GetAsync($"/api/v1/workflows/{id}/schedule").WaitAsync(CallLimit);
        preview.ShouldHave(HttpStatusCode.OK);
        preview.Data["nextFireTimes"]!.AsArray().Should().BeEmpty();

        var activate = await Api.PostAsync($"/api/v1/workflows/{id}/activate").WaitAsync(CallLimit);
        activate.ShouldHave(HttpStatusCode.Conflict);
        activate.Body.Should().Contain("never fires");

        (await Api.PostAsync($"/api/v1/workflows/{id}/deactivate").WaitAsync(CallLimit)).ShouldHave(HttpStatusCode.OK);
    }

    /// <summary>Far above any honest answer; a call that spins forever fails the test instead of hanging the run.</summary>
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(20);

    private static DateTimeOffset At(int day, int hour) => new(2026, 3, day, hour, 0, 0, TimeSpan.Zero);
}
