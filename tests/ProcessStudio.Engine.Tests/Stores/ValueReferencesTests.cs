using System.Text.Json.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Tests.Stores;

/// <summary>Large values leave a stored text as references and come back exactly; small texts are not touched.</summary>
public sealed class ValueReferencesTests
{
    private static readonly JsonObject BigInput = new() { ["id"] = 7, ["blob"] = new string('x', 5000), ["kind"] = "large" };

    private static JsonArray Items(int count) =>
        new([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["id"] = i, ["name"] = $"customer {i}" })]);

    private static string RoundTrip(string json, bool wholeValue)
    {
        var (compact, values) = ValueReferences.Extract(json, wholeValue);
        return ValueReferences.Inline(compact, values.ToDictionary(v => v.Hash, v => v.Json));
    }

    [Fact]
    public void A_value_held_in_several_places_of_a_checkpoint_is_one_value_and_the_text_reads_back_exactly()
    {
        var state = new JsonObject
        {
            ["step"] = 3,
            ["triggerInput"] = BigInput.DeepClone(),
            ["nodeOutputs"] = new JsonObject { ["start"] = BigInput.DeepClone(), ["n1"] = new JsonObject { ["v"] = 1 } },
            ["lastOutput"] = BigInput.DeepClone(),
        }.ToJsonString();

        var (compact, values) = ValueReferences.Extract(state, wholeValue: false);

        values.Select(v => v.Hash).Distinct().Should().ContainSingle("the three copies have the same text");
        compact.Length.Should().BeLessThan(600);
        compact.Should().Contain("\"n1\":{\"v\":1}", "small parts stay in place");
        RoundTrip(state, wholeValue: false).Should().Be(state);
    }

    [Fact]
    public void An_array_of_many_small_items_becomes_one_value_not_one_per_item()
    {
        var json = new JsonObject { ["items"] = Items(200) }.ToJsonString();

        var (compact, values) = ValueReferences.Extract(json, wholeValue: true);

        values.Should().ContainSingle().Which.Json.Should().StartWith("[{\"id\":0,");
        compact.Should().Be($"{{\"items\":{{\"$valueRef\":\"{values[0].Hash}\"}}}}", "the object around it is small once the array is referenced");
    }

    [Fact]
    public void A_column_holding_one_large_value_becomes_a_reference_while_a_checkpoint_document_keeps_its_root()
    {
        var items = Items(200).ToJsonString();

        ValueReferences.Extract(items, wholeValue: true).Json.Should().StartWith("{\"$valueRef\":");
        ValueReferences.Extract(items, wholeValue: false).Json.Should().Be(items, "a document's root is not worth a row of its own");
        var (document, _) = ValueReferences.Extract(new JsonObject { ["items"] = Items(200), ["step"] = 1 }.ToJsonString(), wholeValue: false);
        document.Should().StartWith("{\"items\":{\"$valueRef\":").And.EndWith(",\"step\":1}");
    }

    [Fact]
    public void A_large_value_inside_another_is_referenced_from_the_value_that_holds_it()
    {
        var items = Items(100);
        items.Add(BigInput.DeepClone());
        var json = new JsonObject { ["items"] = items }.ToJsonString();

        var (_, values) = ValueReferences.Extract(json, wholeValue: false);

        values.Should().HaveCount(2, "the long text, and the array that holds it");
        values.Single(v => v.Json.StartsWith('[')).Json.Should().Contain("\"blob\":{\"$valueRef\":");
        RoundTrip(json, wholeValue: false).Should().Be(json);
    }

    [Fact]
    public void Small_texts_and_texts_without_references_are_returned_as_they_are()
    {
        var small = new JsonObject { ["id"] = 1 }.ToJsonString();
        ValueReferences.Extract(small, wholeValue: true).Should().Be((small, (IReadOnlyList<StoredValue>)[]));
        ValueReferences.Inline(small, new Dictionary<string, string>()).Should().BeSameAs(small);
        ValueReferences.Referenced(small).Should().BeEmpty();
    }

    [Fact]
    public void User_data_that_looks_like_a_reference_but_names_no_stored_value_is_left_alone()
    {
        var json = """{"note":{"$valueRef":"not-a-stored-hash"},"ok":true}""";

        ValueReferences.Referenced(json).Should().Equal("not-a-stored-hash");
        ValueReferences.Inline(json, new Dictionary<string, string>()).Should().Be(json);
    }

    [Fact]
    public void A_large_string_is_a_value_of_its_own()
    {
        var json = new JsonObject { ["text"] = new string('z', 4000), ["n"] = 1 }.ToJsonString();

        var (compact, values) = ValueReferences.Extract(json, wholeValue: false);

        values.Should().ContainSingle().Which.Json.Should().Be($"\"{new string('z', 4000)}\"");
        compact.Should().EndWith(",\"n\":1}");
        RoundTrip(json, wholeValue: false).Should().Be(json);
    }
}
