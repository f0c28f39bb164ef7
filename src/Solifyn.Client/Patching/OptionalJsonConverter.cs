using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Solifyn.Client.Serialization;

/// <summary>
/// Writes a set <see cref="Optional{T}"/> as its value (null included). An unset one must not reach the writer: its
/// property is marked <c>JsonIgnore(Condition = WhenWritingDefault)</c> and left out; writing it as null would turn
/// "leave alone" into "clear", so that is refused. One closed converter per property type keeps this free of
/// reflection (no converter factory).
/// </summary>
internal sealed class OptionalJsonConverter<T> : JsonConverter<Optional<T>>
{
    public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize(ref reader, ValueType(options))!);

    public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
    {
        if (!value.IsSet)
        {
            throw new InvalidOperationException(
                "An unset Optional<T> was about to be written; its property must be ignored when writing default.");
        }
        JsonSerializer.Serialize(writer, value.Value, ValueType(options));
    }

    private static JsonTypeInfo<T> ValueType(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
