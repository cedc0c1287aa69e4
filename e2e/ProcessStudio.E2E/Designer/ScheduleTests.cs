using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Designer;

/// <summary>The Schedule trigger's properties: the next five fire times follow the cron as it is typed, and the workflow activates.</summary>
public sealed class ScheduleTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    static ScheduleTests() => SetDefaultExpectTimeout(DefaultTimeoutMs);

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task The_designer_shows_the_next_five_fire_times_as_the_cron_is_typed_and_activates_the_schedule(string theme)
    {
        var workflowId = await Api.SaveWorkflowAsync(new WorkflowBuilder($"Weekday report ({theme})")
            .Node("tick", NodeTypes.Schedule, "Every weekday", 0,
                settings: new() { ["cron"] = "0 9 * * 1-5", ["timezone"] = "Europe/Berlin", ["misfirePolicy"] = "skip" })
            .Build());

        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenAsync(page, workflowId);
            await designer.SelectAsync("Every weekday");
            var preview = page.GetByTestId("schedule-preview");
            var times = preview.GetByTestId("fire-time");

            await Expect(times).ToHaveCountAsync(5);
            foreach (var text in await times.Locator(".fire-time-wall").AllInnerTextsAsync())
                text.Should().MatchRegex(@"^(Mon|Tue|Wed|Thu|Fri) \d{1,2} \w{3}( \d{4})? 09:00$", "weekdays at nine, Berlin time");

            // Typed, not committed: the preview follows every keystroke.
            var cron = page.Locator(".inspector").GetByLabel("Cron expression");
            await cron.FillAsync("*/15 * * * *");
            await Expect(times.First.Locator(".fire-time-wall")).ToHaveTextAsync(new Regex(@" \d\d:(00|15|30|45)$"));
            (await times.Locator(".fire-time-wall").AllInnerTextsAsync()).Should().OnlyContain(t => Regex.IsMatch(t, @" \d\d:(00|15|30|45)$"));

            await cron.FillAsync("*/15 * *");
            await Expect(preview.GetByTestId("schedule-error")).ToContainTextAsync("has 3");
            await Expect(times).ToHaveCountAsync(0);

            await cron.FillAsync("*/20 * * * * *");
            await Expect(times).ToHaveCountAsync(5);
            await Expect(times.First.Locator(".fire-time-wall")).ToHaveTextAsync(new Regex(@":\d\d:(00|20|40)$"));
            // Saved and activated below: a weekly time, so the shared app runs nothing while other tests look at executions.
            await cron.FillAsync("0 6 * * 1");
            await cron.PressAsync("Tab");
            await Expect(times.First.Locator(".fire-time-wall")).ToHaveTextAsync(new Regex(@"^Mon .* 06:00$"));
            await designer.SaveAsync(2);
            await page.ScreenshotAsync(new() { Path = Screenshot($"schedule-fire-times-{theme}.png") });

            await DismissToastAsync(page, "Saved version 2");   // it sits over the bottom of the properties panel
            // A person clicks the switch's label; the checkbox itself sits under the drawn track.
            var active = preview.GetByRole(AriaRole.Switch, new() { Name = "Active" });
            await preview.GetByText("Active", new() { Exact = true }).ClickAsync();
            await Expect(active).ToBeCheckedAsync();
            await DismissToastAsync(page, "Schedule active");
            var schedule = await Api.Http.GetFromJsonAsync<JsonObject>($"api/v1/workflows/{workflowId}/schedule");
            schedule!["data"]!["active"]!.GetValue<bool>().Should().BeTrue();
            schedule["data"]!["cron"]!.GetValue<string>().Should().Be("0 6 * * 1");

            await preview.GetByText("Active", new() { Exact = true }).ClickAsync();
            await Expect(active).Not.ToBeCheckedAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Schedule off" })).ToBeVisibleAsync();
            (await Api.Http.GetFromJsonAsync<JsonObject>($"api/v1/workflows/{workflowId}/schedule"))!["data"]!["active"]!.GetValue<bool>().Should().BeFalse();

            // The workflows list marks scheduled workflows.
            (await Api.Http.PostAsync($"api/v1/workflows/{workflowId}/activate", null)).EnsureSuccessStatusCode();
            await page.GotoAsync("workflows");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Weekday report ({theme})" });
            await Expect(row.Locator(".schedule-badge")).ToHaveTextAsync("Scheduled");
            await page.ScreenshotAsync(new() { Path = Screenshot($"schedule-workflows-list-{theme}.png") });
            (await Api.Http.PostAsync($"api/v1/workflows/{workflowId}/deactivate", null)).EnsureSuccessStatusCode();
        }, colorScheme: theme);
    }

    private static async Task DismissToastAsync(IPage page, string text)
    {
        var toast = page.Locator(".mud-snackbar").Filter(new() { HasText = text });
        await toast.GetByRole(AriaRole.Button).Last.ClickAsync();   // the snackbar's close button
        await Expect(toast).ToHaveCountAsync(0);
    }

    private static string Screenshot(string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        return Path.Combine(ArtifactsFolder, name);
    }
}
