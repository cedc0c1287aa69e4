using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Expressions.Functions;

internal delegate JsonNode? FunctionBody(FunctionCall call);

/// <summary>One whitelisted function. Every function can also be called as a method on its first argument.</summary>
internal sealed record FunctionDefinition(
    string Name, int MinArguments, int MaxArguments, string Signature, string Description, FunctionBody Body)
{
    public const int Unlimited = int.MaxValue;

    public string DescribeArity() => (MinArguments, MaxArguments) switch
    {
        (var min, var max) when min == max => min == 1 ? "1 argument" : $"{min} arguments",
        (var min, Unlimited) => $"at least {min} argument{(min == 1 ? "" : "s")}",
        (var min, var max) => $"{min} to {max} arguments",
    };
}
