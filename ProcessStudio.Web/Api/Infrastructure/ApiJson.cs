using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProcessStudio.Web.Api.Infrastructure;

/// <summary>The API's JSON conventions: camelCase names and camelCase string enums.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    public static string EnumName<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
