using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Tests.Nodes;

/// <summary>Wait until and Wait for approval alone, as "test node" runs them: they report what they would wait for.</summary>
public sealed class WaitNodeTests : NodeFixture
{
    [Fact]
    public async Task Wait_for_approval_renders_its_request_and_waits_until_its_timeout()
    {
        var before = DateTimeOffset.UtcNow;

        var result = await TestAsync("wait-for-approval",
            new { title = "Pay {{ $json.number }}", message = "{{ $json.amount }} EUR", note = "Finance decides", timeout = "2h" },
            new JsonObject { ["number"] = "INV-1", ["amount"] = 40 });

        result.Succeeded.Should().BeTrue(result.Error);
        result.Output!["waiting"]!.GetValue<bool>().Should().BeTrue();
        var request = result.Output["state"]!;
        request["title"]!.GetValue<string>().Should().Be("Pay INV-1");
        request["message"]!.GetValue<string>().Should().Be("40 EUR");
        request["note"]!.GetValue<string>().Should().Be("Finance decides");
        var wakeAt = result.Output["wakeAt"]!.GetValue<DateTimeOffset>();
        wakeAt.Should().BeCloseTo(before.AddHours(2), TimeSpan.FromMinutes(1));
        request["timeoutAt"]!.GetValue<DateTimeOffset>().Should().Be(wakeAt);
    }

    [Fact]
    public async Task Wait_for_approval_refuses_a_timeout_that_is_not_a_duration()
    {
        var result = await TestAsync("wait-for-approval", new { title = "Go?", timeout = "{{ 'soon' }}" });

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be("Timeout 'soon' is not a duration such as 30m, 8h or 2d.");
    }

    [Fact]
    public async Task Wait_until_a_future_time_waits_until_exactly_that_time()
    {
        var result = await TestAsync("wait-until", new { mode = "until", until = "{{ $json.due }}" }, new JsonObject { ["due"] = "2999-01-02T03:04:05+01:00" });

        result.Succeeded.Should().BeTrue(result.Error);
        result.Output!["wakeAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2999, 1, 2, 2, 4, 5, TimeSpan.Zero));
    }

    [Fact]
    public async Task Wait_until_a_time_without_offset_is_read_as_utc_and_a_bad_one_fails_clearly()
    {
        var utc = await TestAsync("wait-until", new { mode = "until", until = "2999-06-01 08:00" });
        var bad = await TestAsync("wait-until", new { mode = "until", until = "next tuesday" });

        utc.Output!["wakeAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2999, 6, 1, 8, 0, 0, TimeSpan.Zero));
        bad.Succeeded.Should().BeFalse();
        bad.Error.Should().Be("Until 'next tuesday' is not a date and time such as 2026-12-01T09:00:00Z.");
    }

    [Fact]
    public async Task Wait_until_for_a_duration_waits_that_long_and_a_time_in_the_past_passes_its_input_on()
    {
        var before = DateTimeOffset.UtcNow;
        var later = await TestAsync("wait-until", new { mode = "duration", duration = "90m" });
        var past = await TestAsync("wait-until", new { mode = "until", until = "2001-01-01T00:00:00Z" }, new JsonObject { ["keep"] = 1 });

        later.Output!["wakeAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(before.AddMinutes(90), TimeSpan.FromMinutes(1));
        past.OutputPort.Should().Be("out");
        past.Output!["keep"]!.GetValue<int>().Should().Be(1);
    }
}
