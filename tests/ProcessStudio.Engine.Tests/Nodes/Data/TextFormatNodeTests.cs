using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Tests.Nodes.Data;

/// <summary>CSV, JSON and XML: parse and build, malformed input, and XML's refusal of DTDs (entity expansion, external entities).</summary>
public sealed class TextFormatNodeTests : DataNodeFixture
{
    [Fact]
    public async Task Csv_parse_keys_rows_by_the_header_and_honours_quotes_and_line_breaks()
    {
        var text = "id,name,note\n1,\"Smith, Ann\",\"two\nlines\"\n2,Bob,\"say \"\"hi\"\"\"\n";

        var output = await OutputAsync("csv", new { text = "{{ $json.body }}" }, new JsonObject { ["body"] = text });

        Compact(output).Should().Be("""[{"id":"1","name":"Smith, Ann","note":"two\nlines"},{"id":"2","name":"Bob","note":"say \u0022hi\u0022"}]""");
    }

    [Fact]
    public async Task Csv_parse_without_a_header_gives_arrays_and_takes_another_separator() =>
        Compact(await OutputAsync("csv", new { separator = ";", header = false }, JsonValue.Create("a;b\n1;2\n")))
            .Should().Be("""[["a","b"],["1","2"]]""");

    [Fact]
    public async Task Csv_build_writes_the_columns_in_order_quoting_where_needed()
    {
        var items = Json("""[ { "id": 1, "name": "Smith, Ann", "tags": ["a"] }, { "id": 2, "name": "Bob", "extra": true } ]""");

        var output = await OutputAsync("csv", new { operation = "build" }, items);

        output!.GetValue<string>().Should().Be("id,name,tags,extra\n1,\"Smith, Ann\",\"[\"\"a\"\"]\",\n2,Bob,,true\n");
    }

    [Fact]
    public async Task Csv_build_then_parse_round_trips_the_chosen_columns()
    {
        var items = Json("""[ { "a": "x\"y", "b": "1", "c": "dropped" } ]""");
        var csv = await OutputAsync("csv", new { operation = "build", columns = new[] { "a", "b" }, separator = "\\t" }, items);

        Compact(await OutputAsync("csv", new { separator = "\\t" }, csv)).Should().Be("""[{"a":"x\u0022y","b":"1"}]""");
    }

    [Fact]
    public async Task Csv_parse_of_something_that_is_not_text_fails_clearly() =>
        (await ErrorAsync("csv", new { }, Json("""{ "a": 1 }"""))).Should().Be("Parse needs CSV text, but 'CSV text' is object.");

    [Fact]
    public void Csv_refuses_a_separator_that_is_not_one_character() =>
        SaveProblems("csv", new { separator = "ab" }).Should().ContainSingle(p => p.Setting == "separator");

    [Fact]
    public async Task Json_parses_text_and_stringifies_values()
    {
        Compact(await OutputAsync("json", new { value = "{{ $json.body }}" }, new JsonObject { ["body"] = """{"a":[1,2]}""" })).Should().Be("""{"a":[1,2]}""");
        (await OutputAsync("json", new { operation = "stringify" }, Json("""{ "a": 1 }""")))!.GetValue<string>().Should().Be("""{"a":1}""");
        (await OutputAsync("json", new { operation = "stringify", indent = true }, Json("""{ "a": 1 }""")))!.GetValue<string>().Should().Contain("\n  \"a\": 1");
    }

    [Fact]
    public async Task Json_parse_of_broken_text_points_at_the_line() =>
        (await ErrorAsync("json", new { }, JsonValue.Create("{\n  \"a\": 1,\n  oops\n}")))
            .Should().StartWith("The text is not valid JSON: line 3,");

    [Fact]
    public async Task Xml_parse_maps_attributes_repeated_elements_and_text()
    {
        var xml = """<?xml version="1.0"?><order id="7"><line sku="a">2</line><line sku="b">1</line><note>rush</note><empty/></order>""";

        Compact(await OutputAsync("xml", new { }, JsonValue.Create(xml))).Should().Be(
            """{"order":{"@id":"7","line":[{"@sku":"a","#text":"2"},{"@sku":"b","#text":"1"}],"note":"rush","empty":""}}""");
    }

    [Fact]
    public async Task Xml_build_writes_the_same_shape_back()
    {
        var data = Json("""{ "order": { "@id": "7", "line": [ { "@sku": "a", "#text": "2" }, { "@sku": "b", "#text": "1" } ], "note": "rush & go" } }""");

        var xml = (await OutputAsync("xml", new { operation = "build", indent = false }, data))!.GetValue<string>();

        xml.Should().Be("""<order id="7"><line sku="a">2</line><line sku="b">1</line><note>rush &amp; go</note></order>""");
        Compact(await OutputAsync("xml", new { }, JsonValue.Create(xml))).Should().Be(
            """{"order":{"@id":"7","line":[{"@sku":"a","#text":"2"},{"@sku":"b","#text":"1"}],"note":"rush \u0026 go"}}""");
    }

    [Fact]
    public async Task Xml_build_of_an_array_uses_the_root_name_and_item_elements() =>
        (await OutputAsync("xml", new { operation = "build", rootName = "ids", indent = false }, Json("[1, 2]")))!.GetValue<string>()
            .Should().Be("<ids><item>1</item><item>2</item></ids>");

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>""")]
    public async Task Xml_with_a_dtd_is_refused_so_entities_never_expand_or_load(string xml) =>
        (await ErrorAsync("xml", new { }, JsonValue.Create(xml))).Should().StartWith("The XML has a DTD");

    [Fact]
    public async Task Malformed_xml_and_bad_element_names_fail_clearly()
    {
        (await ErrorAsync("xml", new { }, JsonValue.Create("<a><b></a>"))).Should().StartWith("The text is not valid XML:");
        (await ErrorAsync("xml", new { operation = "build" }, Json("""{ "root": { "1st": "x" } }"""))).Should().Be("'1st' cannot be an XML element or attribute name.");
        SaveProblems("xml", new { operation = "build", rootName = "no spaces" }).Should().ContainSingle(p => p.Setting == "rootName");
    }
}
