using System.Text.Json;
using System.Text.Json.Serialization;

namespace Solifyn.Domain.Contracts;

/// <summary><c>filters</c> of a partial update: absent (not called), null (clear), or an object read by <see cref="JsonObjectTextConverter"/>.</summary>
public sealed class OptionalFiltersConverter : JsonConverter<Optional<string?>>
{
    private static readonly JsonObjectTextConverter Inner = new();

    public override bool HandleNull => true;

    public override Optional<string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? new Optional<string?>(null) : new Optional<string?>(Inner.Read(ref reader, typeof(string), options));

    public override void Write(Utf8JsonWriter writer, Optional<string?> value, JsonSerializerOptions options)
    {
        if (value.Value is null) writer.WriteNullValue();
        else Inner.Write(writer, value.Value, options);
    }
}
