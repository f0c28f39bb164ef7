using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Solifyn.Domain.Time;

namespace Solifyn.Domain.Resources;

/// <summary>Writes timestamps exactly as the contract shows them: <c>2026-05-11T01:12:25.764Z</c>.</summary>
public sealed class UtcMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Timestamps.ToWire(value));
}
