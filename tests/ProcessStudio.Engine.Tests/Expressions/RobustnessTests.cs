using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Tests.Expressions;

/// <summary>Half-typed input from the designer must produce positioned errors, never crashes.</summary>
public sealed class RobustnessTests : ExpressionTestBase
{
    private static readonly string[] Fragments =
    [
        "$input", ".", "?.", "name", "tags", "[", "]", "(", ")", "{", "}", "{{", "}}", "'", "\"", "\\", "1", "0", "-", "+",
        "*", "/", "%", "==", "<", "&&", "||", "!", "??", "?", ":", ",", "=>", "x", "map", "filter", "upper", "round",
        "range", "null", "true", " ", "1e308", "age", "$vars", "items", "first", "slice", "split", "parseJson", "manager",
    ];

    [Fact]
    public void Random_fragments_give_errors_inside_the_text_and_nothing_else()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 5000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 10)).Select(_ => Fragments[random.Next(Fragments.Length)]));

            foreach (var error in Engine.Check(text).Concat(Engine.CheckTemplate(text)))
                error.Position.Should().BeInRange(0, text.Length, because: $"'{text}' reported {error}");
            try
            {
                Eval(text);
            }
            catch (ExpressionException e)
            {
                e.Error.Position.Should().BeInRange(0, text.Length, because: $"'{text}' reported {e.Error}");
            }
        }
    }
}
