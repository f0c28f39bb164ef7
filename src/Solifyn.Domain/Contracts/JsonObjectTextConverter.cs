using System.Text.Json;
using System.Text.Json.Serialization;

namespace Solifyn.Domain.Contracts;

/// <summary>
/// A free-form JSON object carried as its compact text (<c>filters</c>): read from an object (anything else is a type
/// error), written back as the object. Every string and property name in it must decode (no unpaired UTF-16
/// surrogate escapes), and no object in it may repeat a name, because the text is stored and echoed back verbatim.
/// Bounds (bytes, depth) are checked by <see cref="JsonObjectLimitsAttribute"/>.
/// </summary>
public sealed class JsonObjectTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("An object is expected.");
        var element = JsonElement.ParseValue(ref reader);
        if (JsonPaths.FirstProblem(element, "") is not null) throw new JsonException("The object holds an undecodable string or a repeated name.");
        return JsonSerializer.Serialize(element);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value, skipInputValidation: true);
}
