using System.Net.Http.Json;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Settings;

/// <summary>Settings → Subscriptions: an admin sends a test event and reads its attempts (a 503, then a retried 200).</summary>
public sealed class SubscriptionsTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task An_admin_sends_a_test_event_and_sees_each_attempt_with_the_receivers_answer()
    {
        await using var receiver = new StubHttpServer();
        var url = receiver.Map("events", failTimes: 1, failStatus: 503);
        var created = await Api.Http.PostAsJsonAsync("/api/v1/event-subscriptions", new { url, events = new[] { "execution.failed" }, secret = "e2e-subscription-secret" });
        created.EnsureSuccessStatusCode();

        await WithPageAsync(async page =>
        {
            await page.GotoAsync("settings");
            var section = page.GetByRole(AriaRole.Table, new() { Name = "Subscriptions", Exact = true });
            await Expect(section).ToContainTextAsync(url);

            await page.GetByRole(AriaRole.Button, new() { Name = $"Send test event to {url}" }).ClickAsync();

            var attempts = page.GetByRole(AriaRole.Table, new() { Name = "Delivery attempts" });
            var refresh = attempts.GetByRole(AriaRole.Button, new() { Name = "Refresh" });
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await attempts.Locator("tbody tr").CountAsync() < 2 && DateTime.UtcNow < deadline)
            {
                await page.WaitForTimeoutAsync(250);   // the retry comes after the outbox's first backoff (1 s)
                await refresh.ClickAsync();
            }
            await Expect(attempts.Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(attempts).ToContainTextAsync("subscription.test");
            await Expect(attempts).ToContainTextAsync("503");
            await Expect(attempts).ToContainTextAsync("200");
            receiver.Hits("events").Should().Be(2);
        });
    }
}
