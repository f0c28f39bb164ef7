using System.Text.Json;
using System.Text.Json.Serialization;

namespace Solifyn.Domain.Contracts;

/// <summary>
/// How request bodies bind: System.Text.Json's strict preset (<see cref="JsonSerializerOptions.Strict"/>: unknown
/// members and repeated names are errors, nullable annotations and required constructor parameters are respected,
/// names are case-sensitive), camelCase names, numbers only as JSON numbers (<c>"5"</c> is not 5), timestamps only
/// with an offset (<see cref="TimestampConverter"/>), and every enum only by its exact names (<see cref="ExactEnumConverterFactory"/>).
/// </summary>
public static class RequestJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Strict)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = 32,
            Converters = { new TimestampConverter(), new ExactEnumConverterFactory() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
