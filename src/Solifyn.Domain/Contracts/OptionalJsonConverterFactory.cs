using System.Text.Json;
using System.Text.Json.Serialization;

namespace Solifyn.Domain.Contracts;

/// <summary>
/// Reads and writes <see cref="Optional{T}"/> as its bare value. The serializer calls it only for properties present
/// in the body, so an absent property keeps <c>default</c> (not set); a present null is handed to
/// <typeparamref name="T"/>'s own converter, which refuses it when <typeparamref name="T"/> is not nullable.
/// </summary>
public sealed class OptionalJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null && default(T) is not null)
            {
                throw new JsonException("null is not allowed here.");
            }
            return new Optional<T>(JsonSerializer.Deserialize<T>(ref reader, options)!);
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}
