using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Tests.Nodes.Data;

public sealed class AggregateNodeTests : DataNodeFixture
{
    private static readonly JsonNode Sales = Json("""
        [ { "region": "north", "rep": "ann", "amount": 100 },
          { "region": "south", "rep": "bob", "amount": 40 },
          { "region": "north", "rep": "cy", "amount": "60.5" },
          { "region": "north", "rep": "dee" } ]
        """);

    [Fact]
    public async Task Groups_in_order_of_first_appearance_with_every_operation()
    {
        var output = await OutputAsync("aggregate", new
        {
            groupBy = new[] { "region" },
            aggregations = new object[]
            {
                new { operation = "count" },
                new { operation = "count", field = "amount", @as = "withAmount" },
                new { operation = "sum", field = "amount" },
                new { operation = "avg", field = "amount" },
                new { operation = "min", field = "rep" },
                new { operation = "max", field = "amount" },
                new { operation = "first", field = "rep" },
                new { operation = "last", field = "rep" },
                new { operation = "collect", field = "rep", @as = "reps" },
            },
        }, Sales.DeepClone());

        Compact(output).Should().Be(
            """[{"region":"north","count":3,"withAmount":2,"sum_amount":160.5,"avg_amount":80.25,"min_rep":"ann","max_amount":100,"first_rep":"ann","last_rep":"dee","reps":["ann","cy","dee"]},""" +
            """{"region":"south","count":1,"withAmount":1,"sum_amount":40,"avg_amount":40,"min_rep":"bob","max_amount":40,"first_rep":"bob","last_rep":"bob","reps":["bob"]}]""");
    }

    [Fact]
    public async Task Without_group_fields_summarises_all_items_in_one_and_no_items_still_counts_zero()
    {
        Compact(await OutputAsync("aggregate", new { aggregations = new[] { new { operation = "sum", field = "amount", @as = "total" } } }, Sales.DeepClone()))
            .Should().Be("""[{"total":200.5}]""");
        Compact(await OutputAsync("aggregate", new { aggregations = new[] { new { operation = "count" } } }, new JsonArray()))
            .Should().Be("""[{"count":0}]""");
    }

    [Fact]
    public async Task Summing_text_that_is_not_a_number_fails_naming_field_and_value()
    {
        var error = await ErrorAsync("aggregate", new { aggregations = new[] { new { operation = "sum", field = "rep" } } }, Sales.DeepClone());

        error.Should().Be("'sum' of 'rep' needs numbers, but one item has string \"ann\".");
    }

    [Fact]
    public void Settings_problems_name_the_row_and_field()
    {
        SaveProblems("aggregate", new { }).Should().ContainSingle(p => p.Setting == "aggregations");
        SaveProblems("aggregate", new { aggregations = new[] { new { operation = "sum" } } })
            .Should().ContainSingle(p => p.Setting == "aggregations[0].field" && p.Message.Contains("needs a field"));
        SaveProblems("aggregate", new { aggregations = new[] { new { operation = "sum", field = "a", @as = "x" }, new { operation = "max", field = "a", @as = "x" } } })
            .Should().ContainSingle(p => p.Code == "setting.duplicate");
        SaveProblems("aggregate", new { groupBy = new[] { "a..b" }, aggregations = new[] { new { operation = "count" } } })
            .Should().ContainSingle(p => p.Setting == "groupBy");
    }
}
