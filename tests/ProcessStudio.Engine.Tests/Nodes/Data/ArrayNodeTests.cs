using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Tests.Nodes.Data;

/// <summary>Filter, Sort, Limit, Remove Duplicates and Split Out over whole arrays, with the items convention and failure paths.</summary>
public sealed class ArrayNodeTests : DataNodeFixture
{
    private static readonly JsonNode Orders = Json("""
        [ { "id": 1, "customer": "ann", "amount": 120, "status": "paid", "at": "2026-03-02T10:00:00Z" },
          { "id": 2, "customer": "bob", "amount": 80, "status": "open", "at": "2026-01-15T08:00:00Z" },
          { "id": 3, "customer": "ann", "amount": 9, "status": "paid", "at": null },
          { "id": 4, "customer": "cy", "amount": 300, "status": "void", "at": "2026-02-01T00:00:00Z" } ]
        """);

    private static IEnumerable<int> Ids(JsonNode? items) => items!.AsArray().Select(i => i!["id"]!.GetValue<int>());

    [Fact]
    public async Task Filter_keeps_items_matching_all_conditions_reading_numbers_as_numbers()
    {
        var output = await OutputAsync("filter", new
        {
            conditions = new[] { new { field = "status", @operator = "equals", value = "paid" }, new { field = "amount", @operator = "greaterThan", value = "100" } },
        }, Orders.DeepClone());

        Ids(output).Should().Equal(1);
    }

    [Fact]
    public async Task Filter_with_any_keeps_items_matching_one_condition()
    {
        var output = await OutputAsync("filter", new
        {
            combine = "any",
            conditions = new[] { new { field = "status", @operator = "equals", value = "void" }, new { field = "amount", @operator = "lessThan", value = "10" } },
        }, Orders.DeepClone());

        Ids(output).Should().Equal(3, 4);
    }

    [Fact]
    public async Task Filter_by_expression_sees_each_item_and_its_index_and_reads_items_from_a_path()
    {
        var input = new JsonObject { ["orders"] = Orders.DeepClone(), ["min"] = 50 };

        var output = await OutputAsync("filter", new { items = "$json.orders", mode = "expression", expression = "$item.amount >= $json.min && $index > 0" }, input);

        Ids(output).Should().Equal(2, 4);
    }

    [Fact]
    public async Task Items_that_are_not_an_array_or_object_fail_the_node_naming_the_expression()
    {
        var error = await ErrorAsync("filter", new { items = "$json.name", mode = "expression", expression = "true" }, new JsonObject { ["name"] = "ann" });

        error.Should().Contain("Items ('$json.name') must be an array of items or one object").And.Contain("string");
    }

    [Fact]
    public async Task Filter_with_a_broken_regular_expression_fails_with_the_pattern()
    {
        var error = await ErrorAsync("filter", new { conditions = new[] { new { field = "customer", @operator = "matchesRegex", value = "a(" } } }, Orders.DeepClone());

        error.Should().Contain("'a(' is not a valid regular expression");
    }

    [Fact]
    public void Filter_settings_are_checked_at_save_time()
    {
        SaveProblems("filter", new { }).Should().ContainSingle(p => p.Setting == "conditions" && p.Code == "setting.required");
        SaveProblems("filter", new { mode = "expression" }).Should().ContainSingle(p => p.Setting == "expression");
        SaveProblems("filter", new { mode = "expression", expression = "$item.amount >" }).Should().ContainSingle(p => p.Code == "setting.expression");
        SaveProblems("filter", new { conditions = new[] { new { field = "a..b", @operator = "equals" } } })
            .Should().ContainSingle(p => p.Setting == "conditions[0].field");
        SaveProblems("filter", new { conditions = new[] { new { field = "a", @operator = "bigger" } } })
            .Should().ContainSingle(p => p.Setting == "conditions[0].operator");
    }

    [Fact]
    public async Task Sort_orders_by_several_keys_each_in_its_direction_with_numbers_as_numbers()
    {
        var output = await OutputAsync("sort", new { keys = new[] { new { field = "customer", direction = "asc" }, new { field = "amount", direction = "desc" } } }, Orders.DeepClone());

        Ids(output).Should().Equal(1, 3, 2, 4);
    }

    [Theory]
    [InlineData("asc", new[] { 2, 4, 1, 3 })]
    [InlineData("desc", new[] { 1, 4, 2, 3 })]
    public async Task Sort_orders_dates_in_time_and_puts_empty_values_last_in_both_directions(string direction, int[] expected)
    {
        var output = await OutputAsync("sort", new { keys = new[] { new { field = "at", direction } } }, Orders.DeepClone());

        Ids(output).Should().Equal(expected);
    }

    [Fact]
    public async Task Sort_compares_numeric_values_numerically_not_as_text_and_keeps_ties_in_input_order()
    {
        var input = Json("""[ { "id": 1, "n": 10 }, { "id": 2, "n": 9 }, { "id": 3, "n": 10 }, { "id": 4, "n": 100 } ]""");

        Ids(await OutputAsync("sort", new { keys = new[] { new { field = "n", direction = "asc" } } }, input)).Should().Equal(2, 1, 3, 4);
    }

    [Fact]
    public void Sort_needs_at_least_a_key_and_valid_paths() =>
        SaveProblems("sort", new { keys = new[] { new { field = "" } } }).Should().ContainSingle(p => p.Setting == "keys[0].field");

    [Theory]
    [InlineData("first", 2, new[] { 1, 2 })]
    [InlineData("last", 3, new[] { 2, 3, 4 })]
    [InlineData("first", 0, new int[0])]
    [InlineData("last", 10, new[] { 1, 2, 3, 4 })]
    public async Task Limit_keeps_the_first_or_last_items(string keep, int count, int[] expected) =>
        Ids(await OutputAsync("limit", new { keep, count }, Orders.DeepClone())).Should().Equal(expected);

    [Fact]
    public void Limit_refuses_a_negative_count_at_save_time() =>
        SaveProblems("limit", new { count = -1 }).Should().ContainSingle(p => p.Setting == "count" && p.Message.Contains("at least 0"));

    [Fact]
    public async Task Remove_duplicates_compares_whole_items_regardless_of_field_order()
    {
        var input = Json("""[ { "a": 1, "b": 2 }, { "b": 2, "a": 1 }, { "a": 1, "b": 3 } ]""");

        Compact(await OutputAsync("remove-duplicates", new { }, input)).Should().Be("""[{"a":1,"b":2},{"a":1,"b":3}]""");
    }

    [Fact]
    public async Task Remove_duplicates_by_fields_keeps_the_first_item_of_each_key() =>
        Ids(await OutputAsync("remove-duplicates", new { compare = "fields", fields = new[] { "customer", "status" } }, Orders.DeepClone()))
            .Should().Equal(1, 2, 4);

    [Fact]
    public void Remove_duplicates_by_fields_needs_the_fields() =>
        SaveProblems("remove-duplicates", new { compare = "fields" }).Should().ContainSingle(p => p.Setting == "fields" && p.Code == "setting.required");

    [Fact]
    public async Task Split_out_turns_a_nested_array_into_items()
    {
        var input = Json("""[ { "order": 1, "lines": [ { "sku": "a" }, { "sku": "b" } ] }, { "order": 2, "lines": [] }, { "order": 3 } ]""");

        Compact(await OutputAsync("split-out", new { field = "lines" }, input)).Should().Be("""[{"sku":"a"},{"sku":"b"}]""");
    }

    [Fact]
    public async Task Split_out_with_parent_fields_copies_them_and_names_scalar_elements()
    {
        var input = Json("""{ "order": 7, "meta": { "tags": ["x", "y"] } }""");

        var output = await OutputAsync("split-out", new { field = "meta.tags", include = "parent", @as = "tag" }, input);

        Compact(output).Should().Be("""[{"order":7,"meta":{},"tag":"x"},{"order":7,"meta":{},"tag":"y"}]""");
    }

    [Fact]
    public async Task Split_out_of_a_field_that_is_not_an_array_names_the_item()
    {
        var error = await ErrorAsync("split-out", new { field = "lines" }, Json("""[ { "lines": [] }, { "lines": "oops" } ]"""));

        error.Should().Be("Item 2: 'lines' must be an array to split out, but is string.");
    }

    [Fact]
    public void Split_out_needs_a_field_with_a_valid_path()
    {
        SaveProblems("split-out", new { }).Should().ContainSingle(p => p.Setting == "field" && p.Code == "setting.required");
        SaveProblems("split-out", new { field = "lines[x]" }).Should().ContainSingle(p => p.Setting == "field" && p.Code == "setting.invalid");
    }
}
