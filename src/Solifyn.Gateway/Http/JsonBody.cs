using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Solifyn.Domain.Validation;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Http;

/// <summary>
/// Reads a JSON object body with its failure modes answered as problems: wrong content type (415), too large
/// (413), empty, malformed or not an object (400). The body is read into a bounded buffer and parsed once.
/// </summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32 };

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadObjectAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return (null, ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                "Unsupported media type.", "Send the body as 'Content-Type: application/json' (UTF-8)."));
        }
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = new byte[Math.Min(maxBytes + 1, (int?)request.ContentLength + 1 ?? maxBytes + 1)];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0) break;
            length += read;
        }
        if (length > maxBytes) return (null, TooLarge(maxBytes));
        if (length == 0)
        {
            return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody,
                "The request body is empty.", "Send a JSON object."));
        }

        // JSON must be UTF-8 (RFC 8259). The parser defers transcoding string contents, so check it here,
        // before any value is read, rather than fail deep inside validation.
        if (!Utf8.IsValid(buffer.AsSpan(0, length)))
        {
            return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson,
                "The request body is not valid JSON.", "The body must be UTF-8 encoded."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, length), ParseOptions);
        }
        catch (JsonException)
        {
            return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson,
                "The request body is not valid JSON.", "Send a single well-formed JSON object."));
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody,
                "The request body must be a JSON object.", "Send a JSON object, not an array, string, number or null."));
        }
        return (document, null);
    }

    /// <summary>Reads the body and validates it with a domain parser: the parsed value, or the problem to answer.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ParseAsync<T>(HttpRequest request, int maxBytes,
        Func<JsonElement, (T? Value, IReadOnlyList<FieldError> Errors)> parse, CancellationToken cancellationToken) where T : class
    {
        var (document, problem) = await ReadObjectAsync(request, maxBytes, cancellationToken);
        if (problem is not null) return (null, problem);
        using (document)
        {
            var (value, errors) = parse(document!.RootElement);
            return value is null ? (null, ApiProblems.Validation(errors)) : (value, null);
        }
    }

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
            "The request body is too large.", $"The body must be at most {maxBytes} bytes.");

    private static bool IsJson(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var type = media.MediaType.Value;
        var isJson = string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase)
            || (type?.StartsWith("application/", StringComparison.OrdinalIgnoreCase) == true
                && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = media.Charset.Value;
        return isJson && (charset is null || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase));
    }
}
