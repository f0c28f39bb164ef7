using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Solifyn.Domain.Time;

namespace Solifyn.Domain.Contracts;

/// <summary>
/// An ISO-8601 / RFC 3339 timestamp that names its offset (<c>2027-01-01T00:00:00.000Z</c>, <c>...+02:00</c>),
/// truncated to milliseconds. A timestamp without an offset means different instants on different machines, so it
/// is refused (the serializer's own converter would assume the server's zone).
/// </summary>
public sealed class TimestampConverter : JsonConverter<DateTimeOffset>
{
    public const int MaxLength = 40;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = JsonStrings.Read(ref reader);
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (text.Length > MaxLength || !hasOffset
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            throw new JsonException("An ISO-8601 timestamp with an offset is expected.");
        }
        return Timestamps.TruncateToMilliseconds(parsed);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Timestamps.ToWire(value));
}
