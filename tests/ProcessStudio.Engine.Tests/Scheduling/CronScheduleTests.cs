using FluentAssertions;
using ProcessStudio.Engine.Scheduling;

namespace ProcessStudio.Engine.Tests.Scheduling;

public sealed class CronScheduleTests
{
    private static CronSchedule Parse(string cron, string zone = "UTC") =>
        CronSchedule.Parse(cron, zone).Schedule ?? throw new InvalidOperationException($"'{cron}' in {zone} did not parse.");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z").ToUniversalTime();

    [Fact]
    public void Five_fields_fire_on_minutes_and_six_fields_on_seconds()
    {
        Parse("*/15 * * * *").NextOccurrences(Utc("2026-01-05T10:07:30"), 3)
            .Should().Equal(Utc("2026-01-05T10:15:00"), Utc("2026-01-05T10:30:00"), Utc("2026-01-05T10:45:00"));
        var seconds = Parse("*/20 * * * * *");
        seconds.HasSeconds.Should().BeTrue();
        seconds.NextOccurrences(Utc("2026-01-05T10:07:30"), 3)
            .Should().Equal(Utc("2026-01-05T10:07:40"), Utc("2026-01-05T10:08:00"), Utc("2026-01-05T10:08:20"));
    }

    [Fact]
    public void Wall_times_are_read_in_the_time_zone_and_follow_its_daylight_saving()
    {
        var nineInBerlin = Parse("0 9 * * *", "Europe/Berlin");
        nineInBerlin.NextAfter(Utc("2026-01-15T00:00:00")).Should().Be(Utc("2026-01-15T08:00:00"), "CET is UTC+1");
        nineInBerlin.NextAfter(Utc("2026-07-15T00:00:00")).Should().Be(Utc("2026-07-15T07:00:00"), "CEST is UTC+2");
    }

    [Fact]
    public void A_wall_time_skipped_by_spring_forward_fires_when_the_gap_ends()
    {
        // Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that night.
        var schedule = Parse("30 2 * * *", "Europe/Berlin");
        schedule.NextOccurrences(Utc("2026-03-27T12:00:00"), 3).Should().Equal(
            Utc("2026-03-28T01:30:00"),   // 02:30 CET
            Utc("2026-03-29T01:00:00"),   // 03:00 CEST: one run, as soon as the clock is past the gap
            Utc("2026-03-30T00:30:00"));  // 02:30 CEST
    }

    [Fact]
    public void Frequent_schedules_never_fire_twice_for_one_instant_across_the_gap()
    {
        var times = Parse("*/30 * * * *", "Europe/Berlin").NextOccurrences(Utc("2026-03-29T00:00:00"), 5);
        times.Should().Equal(
            Utc("2026-03-29T00:30:00"),   // 01:30 CET
            Utc("2026-03-29T01:00:00"),   // 02:00 (gap) shifted to 03:00 CEST, the same instant as the real 03:00
            Utc("2026-03-29T01:30:00"),   // 03:30 CEST
            Utc("2026-03-29T02:00:00"),
            Utc("2026-03-29T02:30:00"));
        times.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void A_wall_time_repeated_by_fall_back_fires_once_at_its_first_instance()
    {
        // Berlin, 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice.
        Parse("30 2 * * *", "Europe/Berlin").NextOccurrences(Utc("2026-10-24T12:00:00"), 2).Should().Equal(
            Utc("2026-10-25T00:30:00"),   // 02:30 CEST, the first instance; the second (01:30Z) does not fire
            Utc("2026-10-26T01:30:00"));  // 02:30 CET
    }

    [Fact]
    public void An_interval_keeps_its_rhythm_through_both_instances_of_the_repeated_hour()
    {
        // "Every hour" means every hour: 02:00 CEST (00:00Z) and 02:00 CET (01:00Z) both fire.
        Parse("0 * * * *", "Europe/Berlin").NextOccurrences(Utc("2026-10-24T23:30:00"), 3).Should().Equal(
            Utc("2026-10-25T00:00:00"), Utc("2026-10-25T01:00:00"), Utc("2026-10-25T02:00:00"));
    }

    [Fact]
    public void Fire_times_after_an_instant_inside_the_repeated_hour_are_still_in_the_future()
    {
        var daily = Parse("0 3 * * *", "Europe/Berlin");
        // 01:10Z is 02:10 CET, inside the repeated hour; 03:00 CET (02:00Z) is next.
        daily.NextAfter(Utc("2026-10-25T01:10:00")).Should().Be(Utc("2026-10-25T02:00:00"));
    }

    [Theory]
    [InlineData("0 0 31 2 *")]
    [InlineData("0 0 30 2 *")]
    [InlineData("0 0 31 4,6,9,11 *")]
    [InlineData("0 0 0 31 2 *")]   // with seconds
    public void A_cron_that_never_fires_is_refused(string cron)
    {
        var result = CronSchedule.Parse(cron, "Europe/Berlin");
        result.Succeeded.Should().BeFalse();
        result.CronError.Should().Be($"'{cron}' never fires: no calendar date matches its day-of-month, month and weekday fields (e.g. 31 February).");
    }

    [Fact]
    public void A_leap_day_schedule_fires_every_four_years()
    {
        Parse("0 0 29 2 *").NextOccurrences(Utc("2026-01-01T00:00:00"), 2)
            .Should().Equal(Utc("2028-02-29T00:00:00"), Utc("2032-02-29T00:00:00"));
    }

    [Theory]
    [InlineData("*/0 * * * *")]
    [InlineData("0 */0 * * *")]
    [InlineData("*/0 * * * * *")]
    [InlineData("0 0 1-10/0 * *")]
    public void A_step_of_zero_is_refused(string cron)
    {
        var result = CronSchedule.Parse(cron, "UTC");
        result.Succeeded.Should().BeFalse();
        result.CronError.Should().StartWith($"'{cron}' is not a valid cron expression");
    }

    [Theory]
    [InlineData("", "A cron expression is required")]
    [InlineData("* * *", "has 3")]
    [InlineData("61 * * * *", "is not a valid cron expression")]
    [InlineData("0 9 * * mon-fry", "is not a valid cron expression")]
    public void Bad_expressions_are_refused_with_a_reason(string cron, string reason)
    {
        var result = CronSchedule.Parse(cron, "UTC");
        result.Succeeded.Should().BeFalse();
        result.CronError.Should().Contain(reason);
        result.TimeZoneError.Should().BeNull();
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]   // a Windows id: workflows name IANA zones so they mean the same everywhere
    public void Unknown_time_zones_are_refused(string zone)
    {
        var result = CronSchedule.Parse("0 9 * * *", zone);
        result.Succeeded.Should().BeFalse();
        result.TimeZoneError.Should().Contain($"'{zone}' is not a known IANA time zone id");
    }

    [Fact]
    public void A_blank_time_zone_means_utc()
    {
        Parse("0 9 * * *", " ").Zone.Id.Should().Be("UTC");
    }
}
