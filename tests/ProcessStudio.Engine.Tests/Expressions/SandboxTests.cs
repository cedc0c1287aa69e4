namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class SandboxTests : ExpressionTestBase
{
    [Theory]
    [InlineData("\"\".GetType()", "Unknown function 'GetType'")]
    [InlineData("$input.ToString()", "Unknown function 'ToString'. Did you mean 'toString'?")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')", "Unknown function 'ReadAllText'")]
    [InlineData("Environment.Exit(1)", "Unknown function 'Exit'")]
    [InlineData("eval('1')", "Unknown function 'eval'")]
    public void Only_whitelisted_functions_can_be_called(string expression, string message)
    {
        Engine.Check(expression).Should().ContainSingle().Which.Message.Should().Be(message);
        EvalError(expression).Message.Should().Be(message);
    }

    [Theory]
    [InlineData("$input.constructor", "null")]
    [InlineData("$input.__proto__", "null")]
    [InlineData("$input['GetType']", "null")]
    public void Member_names_only_read_json_data(string expression, string expected) => EvalJson(expression).Should().Be(expected);

    [Theory]
    [InlineData("'abc'.Length", "Cannot read 'Length' of string")]
    [InlineData("System.IO", "Unknown name 'System'")]
    public void Clr_members_are_not_reachable(string expression, string message) => EvalError(expression).Message.Should().Be(message);

    [Fact]
    public void Calling_a_value_is_not_possible() =>
        Engine.Check("$input.name(1)").Should().ContainSingle().Which.Message.Should().Be("Unknown function 'name'");
}
