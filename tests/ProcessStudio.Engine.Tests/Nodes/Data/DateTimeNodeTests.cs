using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Tests.Nodes.Data;

/// <summary>Date &amp; Time per item, with IANA zones; Paris switches to summer time on 2026-03-29 at 02:00.</summary>
public sealed class DateTimeNodeTests : DataNodeFixture
{
    private async Task<string> OneAsync(object settings, string date = "2026-03-28T09:30:00Z")
    {
        var output = await OutputAsync("date-time", settings, new JsonObject { ["at"] = date });
        var result = output!["result"]!;
        return result.GetValueKind() == System.Text.Json.JsonValueKind.String ? $"\"{result.GetValue<string>()}\"" : Compact(result);
    }

    [Fact]
    public async Task Format_shows_the_date_in_the_time_zone() =>
        (await OneAsync(new { value = "{{ $item.at }}", format = "dd/MM/yyyy HH:mm", timeZone = "Europe/Paris" })).Should().Be("\"28/03/2026 10:30\"");

    [Fact]
    public async Task Parse_reads_wall_clock_text_in_the_time_zone() =>
        (await OneAsync(new { operation = "parse", value = "{{ $item.at }}", format = "dd/MM/yyyy HH:mm", timeZone = "America/New_York" }, "04/07/2026 18:00"))
            .Should().Be("\"2026-07-04T18:00:00.000-04:00\"");

    [Fact]
    public async Task Adding_days_keeps_the_time_of_day_across_a_daylight_saving_change() =>
        (await OneAsync(new { operation = "add", value = "{{ $item.at }}", amount = 1, unit = "days", timeZone = "Europe/Paris" }))
            .Should().Be("\"2026-03-29T10:30:00.000+02:00\"");

    [Fact]
    public async Task Subtracting_hours_is_an_exact_duration() =>
        (await OneAsync(new { operation = "subtract", value = "{{ $item.at }}", amount = "{{ 36 }}", unit = "hours" })).Should().Be("\"2026-03-26T21:30:00.000Z\"");

    [Fact]
    public async Task Diff_gives_the_second_date_minus_the_first_in_the_unit()
    {
        (await OneAsync(new { operation = "diff", value = "{{ $item.at }}", to = "2026-03-31T21:30:00Z", unit = "days" })).Should().Be("3.5");
        (await OneAsync(new { operation = "diff", value = "{{ $item.at }}", to = "2027-03-27T00:00:00Z", unit = "months" })).Should().Be("11");
    }

    [Fact]
    public async Task Start_and_end_of_a_unit_count_in_the_time_zone()
    {
        (await OneAsync(new { operation = "startOf", value = "{{ $item.at }}", unit = "months", timeZone = "Europe/Paris" }))
            .Should().Be("\"2026-03-01T00:00:00.000+01:00\"");
        (await OneAsync(new { operation = "endOf", value = "{{ $item.at }}", unit = "days", timeZone = "Asia/Tokyo" }))
            .Should().Be("\"2026-03-28T23:59:59.999+09:00\"");
        (await OneAsync(new { operation = "startOf", value = "{{ $item.at }}", unit = "weeks" })).Should().Be("\"2026-03-23T00:00:00.000Z\"");
    }

    [Fact]
    public async Task Convert_shows_the_same_instant_in_another_zone_and_epoch_milliseconds_are_dates() =>
        (await OneAsync(new { operation = "convert", value = "{{ 0 }}", timeZone = "Australia/Sydney" })).Should().Be("\"1970-01-01T10:00:00.000+10:00\"");

    [Fact]
    public async Task Works_on_every_item_of_an_array_into_the_output_field()
    {
        var input = Json("""[ { "at": "2026-01-01T00:00:00Z" }, { "at": "2026-06-01T00:00:00Z" } ]""");

        var output = await OutputAsync("date-time", new { value = "{{ $item.at }}", format = "MMM", outputField = "month" }, input);

        Compact(output).Should().Be("""[{"at":"2026-01-01T00:00:00Z","month":"Jan"},{"at":"2026-06-01T00:00:00Z","month":"Jun"}]""");
    }

    [Fact]
    public async Task A_value_that_is_not_a_date_fails_naming_the_item()
    {
        var error = await ErrorAsync("date-time", new { value = "{{ $item.at }}" }, Json("""[ { "at": "2026-01-01" }, { "at": "soon" } ]"""));

        error.Should().Be("Item 2: 'Date' must be a date (ISO 8601 text or epoch milliseconds), not string \"soon\".");
    }

    [Fact]
    public async Task Text_that_does_not_match_the_format_fails_with_both() =>
        (await ErrorAsync("date-time", new { operation = "parse", value = "31-12-2026", format = "dd/MM/yyyy" }, new JsonObject()))
            .Should().Be("'31-12-2026' does not match the format 'dd/MM/yyyy'.");

    [Fact]
    public void Unknown_time_zones_and_missing_values_are_refused_at_save_time()
    {
        SaveProblems("date-time", new { value = "x", timeZone = "Mars/Olympus" })
            .Should().ContainSingle(p => p.Setting == "timeZone" && p.Message.Contains("not a known IANA time zone"));
        SaveProblems("date-time", new { }).Should().ContainSingle(p => p.Setting == "value");
        SaveProblems("date-time", new { operation = "add", value = "x" }).Should().ContainSingle(p => p.Setting == "amount");
        SaveProblems("date-time", new { operation = "diff", value = "x" }).Should().ContainSingle(p => p.Setting == "to");
    }
}
