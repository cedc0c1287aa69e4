using Microsoft.Extensions.Time.Testing;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class DateFunctionTests
{
    private static readonly TimeZoneInfo PlusTwo = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");

    private readonly ExpressionEngine _engine = new(new ExpressionEngineOptions { Clock = Clock() });

    private static FakeTimeProvider Clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 31, 23, 30, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(PlusTwo);
        return clock;
    }

    private string Eval(string expression) => ExpressionValues.ToDisplayString(_engine.Evaluate(expression, new ExpressionScope()));

    [Theory]
    [InlineData("utcNow()", "2026-01-31T23:30:00.000Z")]
    [InlineData("now()", "2026-02-01T01:30:00.000+02:00")]
    [InlineData("today()", "2026-02-01")]
    [InlineData("parseDate('2026-03-01')", "2026-03-01T00:00:00.000Z")]
    [InlineData("parseDate('01/03/2026 14:05', 'dd/MM/yyyy HH:mm')", "2026-03-01T14:05:00.000Z")]
    [InlineData("parseDate('2026-03-01T10:00:00+01:00')", "2026-03-01T10:00:00.000+01:00")]
    [InlineData("parseDate(0)", "1970-01-01T00:00:00.000Z")]
    [InlineData("formatDate('2026-03-01T14:05:09Z', 'yyyy-MM-dd HH:mm:ss')", "2026-03-01 14:05:09")]
    [InlineData("formatDate('2026-03-01T14:05:09Z', 'dddd d MMMM')", "Sunday 1 March")]
    [InlineData("addDays('2026-02-27T00:00:00Z', 2)", "2026-03-01T00:00:00.000Z")]
    [InlineData("addHours('2026-01-01T00:00:00Z', -1)", "2025-12-31T23:00:00.000Z")]
    [InlineData("addMinutes('2026-01-01T00:00:00Z', 90)", "2026-01-01T01:30:00.000Z")]
    [InlineData("addSeconds('2026-01-01T00:00:00Z', 1.5)", "2026-01-01T00:00:01.500Z")]
    [InlineData("diffSeconds('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z')", "3600")]
    [InlineData("diffSeconds(utcNow(), addDays(utcNow(), 1))", "86400")]
    [InlineData("unixTime('1970-01-02T00:00:00Z')", "86400000")]
    public void Date_functions_read_and_write_iso_text(string expression, string expected) =>
        Eval(expression).Should().Be(expected);

    [Theory]
    [InlineData("addDays('soon', 1)", "Function 'addDays' expects a date (ISO 8601 text or epoch milliseconds) as argument 1, got string \"soon\"")]
    [InlineData("parseDate('2026-13-01', 'yyyy-MM-dd')", "Text '2026-13-01' does not match the date format 'yyyy-MM-dd'")]
    public void Bad_dates_are_clear_errors(string expression, string message)
    {
        var act = () => _engine.Evaluate(expression, new ExpressionScope());
        act.Should().Throw<ExpressionException>().Which.Error.Message.Should().Be(message);
    }
}
