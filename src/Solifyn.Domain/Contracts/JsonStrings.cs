using System.Text.Json;

namespace Solifyn.Domain.Contracts;

/// <summary>Reading JSON strings that may not decode (RFC 8259 allows escapes of unpaired UTF-16 surrogates; .NET strings from them would not round-trip).</summary>
public static class JsonStrings
{
    /// <summary>The current token as a string.</summary>
    /// <exception cref="JsonException">The token is not a string, or holds an unpaired surrogate escape.</exception>
    public static string Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A string is expected.");
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException("The string cannot be decoded.");
        }
    }

    /// <summary>True when the string value (or property name) decodes to valid UTF-16.</summary>
    public static bool TryDecode(JsonElement element, out string? value)
    {
        try
        {
            value = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }
}
