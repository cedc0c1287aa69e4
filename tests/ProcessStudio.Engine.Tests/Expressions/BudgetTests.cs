using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Expressions.Evaluation;

namespace ProcessStudio.Engine.Tests.Expressions;

public sealed class BudgetTests : ExpressionTestBase
{
    [Fact]
    public void Nested_loops_run_out_of_steps_with_a_clear_message()
    {
        var error = EvalError("range(1000).map(x => range(1000).sum())");
        error.Message.Should().Be("Expression exceeded its step budget of 100000");
    }

    [Fact]
    public void The_step_budget_is_configurable_and_counts_lambda_work()
    {
        var engine = new ExpressionEngine(new ExpressionEngineOptions { MaxSteps = 50 });
        engine.Evaluate("range(5).map(x => x + 1)", new ExpressionScope()).Should().NotBeNull();

        var act = () => engine.Evaluate("range(30).map(x => x + 1 + 1)", new ExpressionScope());
        act.Should().Throw<ExpressionException>().Which.Error.Message.Should().Be("Expression exceeded its step budget of 50");
    }

    [Fact]
    public void Huge_lists_are_refused_before_they_are_built()
    {
        var error = EvalError("range(1000000)");
        error.Message.Should().Be("A list of 1000000 items exceeds the limit of 100000");
        error.Position.Should().Be(0);
    }

    [Theory]
    [InlineData("repeat('abc', 1000000)", "Text of 3000000 characters exceeds the limit of 1000000")]
    [InlineData("padStart('', 2000000, 'x')", "Text of 2000000 characters exceeds the limit of 1000000")]
    public void Huge_text_is_refused(string expression, string message) => EvalError(expression).Message.Should().Be(message);

    [Fact]
    public void Repeated_concatenation_hits_the_text_limit()
    {
        var engine = new ExpressionEngine(new ExpressionEngineOptions { MaxStringLength = 100 });
        var scope = new ExpressionScope().Set("$vars", new System.Text.Json.Nodes.JsonObject { ["s"] = new string('x', 60) });

        var act = () => engine.Evaluate("s + s", scope);

        act.Should().Throw<ExpressionException>().Which.Error.Message.Should().Be("Text of 120 characters exceeds the limit of 100");
    }

    [Fact]
    public void Multi_part_templates_are_limited_as_a_whole()
    {
        var engine = new ExpressionEngine(new ExpressionEngineOptions { MaxStringLength = 10 });
        var act = () => engine.EvaluateTemplate("{{ repeat('x', 6) }}{{ repeat('y', 6) }}", new ExpressionScope());
        act.Should().Throw<ExpressionException>().Which.Error.Message.Should().Contain("exceeds the limit of 10");
    }

    [Fact]
    public void A_cancelled_token_stops_evaluation()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var act = () => Engine.Evaluate("1 + 1", CreateScope(), cancellation.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Cancellation_is_observed_while_evaluating()
    {
        using var cancellation = new CancellationTokenSource();
        var budget = new EvaluationBudget(new ExpressionEngineOptions(), cancellation.Token);
        budget.Charge();
        cancellation.Cancel();

        var act = () =>
        {
            for (var i = 0; i < 1000; i++) budget.Charge();
        };

        act.Should().Throw<OperationCanceledException>();
    }

    [Theory]
    [InlineData("join(range(2000).map(x => repeat('x', 1000)), '')")]
    [InlineData("format('{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}', repeat('x', 100000))")]
    [InlineData("concat(repeat('x', 600000), repeat('y', 600000))")]
    public void Functions_that_build_text_stop_at_the_text_limit(string expression) =>
        EvalError(expression).Message.Should().EndWith("exceeds the limit of 1000000");

    [Fact]
    public void Distinct_on_a_large_list_stays_within_budget()
    {
        EvalJson("distinct(range(30000)).length").Should().Be("30000");
        EvalJson("distinct(range(12000).map(x => x % 7))").Should().Be("[0,1,2,3,4,5,6]");
    }
}
