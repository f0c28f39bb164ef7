using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Solifyn.Domain.Contracts;

/// <summary>
/// An enum read only by its exact wire names (<see cref="JsonStringEnumMemberNameAttribute"/>, else the member name):
/// no other letter case and no numbers, both of which <see cref="JsonStringEnumConverter"/> accepts.
/// </summary>
public sealed class ExactEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(
        value => typeof(T).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString(),
        StringComparer.Ordinal);

    private static readonly Dictionary<T, string> Names = ByName.ToDictionary(pair => pair.Value, pair => pair.Key);

    /// <summary>The wire names, in declaration order.</summary>
    public static IReadOnlyCollection<string> WireNames => ByName.Keys;

    /// <summary>The member with this exact wire name.</summary>
    public static bool TryParse(string? name, out T value)
    {
        value = default;
        return name is not null && ByName.TryGetValue(name, out value);
    }

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ByName.TryGetValue(JsonStrings.Read(ref reader), out var value) ? value : throw new JsonException("Not one of the allowed values.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Names[value]);
}

/// <summary>
/// <see cref="ExactEnumConverter{T}"/> for every enum a request binds (license status, webhook endpoint status, ...), so no
/// enum of a request falls back to <see cref="JsonStringEnumConverter"/>'s numbers and other letter cases.
/// </summary>
public sealed class ExactEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ExactEnumConverter<>).MakeGenericType(typeToConvert))!;
}
