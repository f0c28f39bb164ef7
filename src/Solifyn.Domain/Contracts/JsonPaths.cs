using System.Text.Json;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Contracts;

/// <summary>
/// Walks a JSON value for what the serializer cannot report with a precise path: strings and property names that do
/// not decode (unpaired UTF-16 surrogate escapes, RFC 8259 §8.2) and names repeated in one object (RFC 8259 §4 says
/// names SHOULD be unique; this API requires it). Paths are dotted from the body's root: <c>filters.plan</c>,
/// <c>filters.tags[2]</c>.
/// </summary>
public static class JsonPaths
{
    /// <summary>The first problem found in <paramref name="value"/> (depth first, document order), or null.</summary>
    public static FieldError? FirstProblem(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return JsonStrings.TryDecode(value, out _) ? null : Undecodable(path);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (FirstProblem(item, $"{path}[{index++}]") is { } problem) return problem;
                }
                return null;
            case JsonValueKind.Object:
                HashSet<string>? names = null;
                foreach (var property in value.EnumerateObject())
                {
                    if (!TryName(property, out var name)) return Undecodable(Join(path, RawName(property)));
                    var propertyPath = Join(path, name!);
                    if (!(names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name!)) return Repeated(propertyPath);
                    if (FirstProblem(property.Value, propertyPath) is { } problem) return problem;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>A property's name, unless it holds an unpaired surrogate escape.</summary>
    public static bool TryName(JsonProperty property, out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }

    /// <summary>A name that cannot be decoded, as it was escaped in the body (truncated): the only way to name it.</summary>
    public static string RawName(JsonProperty property)
    {
        var raw = property.ToString();
        var end = raw.IndexOf("\":", StringComparison.Ordinal);
        var name = end > 1 ? raw[1..end] : raw;
        return Truncate(name);
    }

    public static string Join(string path, string name) => Truncate(path.Length == 0 ? name : $"{path}.{name}");

    /// <summary>Echoing a client's field name back is useful; echoing a kilobyte of it is not.</summary>
    public static string Truncate(string name) => name.Length <= 64 ? name : name[..64] + "…";

    public static FieldError Undecodable(string path) =>
        new(path, FieldErrorCodes.InvalidEncoding, $"'{path}' holds a string that cannot be decoded (an unpaired UTF-16 surrogate escape).");

    public static FieldError Repeated(string path) =>
        new(path, FieldErrorCodes.DuplicateField, $"Field '{path}' appears more than once.");
}
