using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Http;

/// <summary>
/// Reads and binds the JSON body of a route that declares one (<see cref="JsonRequestBody"/>), once, under that route's
/// limit, and answers its failures as problems before idempotency or the handler run: wrong media type (415), too large
/// (413), empty or not an object (400 <c>INVALID_BODY</c>), not UTF-8 or not JSON (400 <c>MALFORMED_JSON</c>), fields
/// that do not bind or break a rule (400 <c>VALIDATION_FAILED</c> with every offending field). Nothing is written for
/// any of them.
/// </summary>
public sealed class RequestBodyMiddleware(RequestDelegate next)
{
    /// <summary>The deepest nesting read (the largest valid body nests 6 levels: filters hold 5).</summary>
    public const int MaxDepth = 32;

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<JsonRequestBody>() is not { } contract)
        {
            await next(http);
            return;
        }

        var (body, problem) = await ReadAsync(http.Request, contract);
        if (problem is not null)
        {
            await problem.ExecuteAsync(http);
            return;
        }
        http.Features.Set(body);
        await next(http);
    }

    private static async Task<(ReadRequestBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, JsonRequestBody contract)
    {
        if (!IsJson(request.ContentType)) return (null, ApiProblems.Problem(ErrorCodes.UnsupportedMediaType));
        var maxBytes = contract.MaxBytes;
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));

        var buffer = new byte[Math.Min(maxBytes + 1, (int?)request.ContentLength + 1 ?? maxBytes + 1)];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted);
            if (read == 0) break;
            length += read;
        }
        if (length > maxBytes) return (null, TooLarge(maxBytes));
        if (length == 0) return (null, ApiProblems.Problem(ErrorCodes.InvalidBody, "The request body is empty. Send a JSON object."));
        var utf8 = buffer.AsMemory(0, length);

        // JSON must be UTF-8 (RFC 8259 §8.1); the parser defers transcoding, so check before any value is read.
        if (!Utf8.IsValid(utf8.Span)) return (null, ApiProblems.Problem(ErrorCodes.MalformedJson, "The body must be UTF-8 encoded."));
        if (Shape(utf8.Span) is { } shapeProblem) return (null, shapeProblem);

        var (value, errors) = contract.Bind(utf8.Span);
        if (value is null) return (null, ApiProblems.Validation(errors));
        return (new ReadRequestBody(utf8.ToArray(), value), null);
    }

    /// <summary>One forward pass: a single well-formed JSON value (at most <see cref="MaxDepth"/> levels deep) that is an object.</summary>
    private static IResult? Shape(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read()) return ApiProblems.Problem(ErrorCodes.InvalidBody);
            var isObject = reader.TokenType == JsonTokenType.StartObject;
            reader.Skip();
            if (reader.Read()) return ApiProblems.Problem(ErrorCodes.MalformedJson, "The body holds more than one JSON value.");
            return isObject ? null : ApiProblems.Problem(ErrorCodes.InvalidBody, "The request body must be a JSON object, not an array, string, number or null.");
        }
        catch (JsonException)
        {
            return ApiProblems.Problem(ErrorCodes.MalformedJson);
        }
    }

    private static IResult TooLarge(int maxBytes) => ApiProblems.Problem(ErrorCodes.PayloadTooLarge, $"The body must be at most {maxBytes} bytes.");

    /// <summary>
    /// <c>application/json</c> or <c>application/*+json</c> (RFC 6839), charset absent or UTF-8. Parsed as a media type
    /// (RFC 9110 §8.3.1): type and parameter names are case-insensitive, and a quoted parameter value equals its unquoted form.
    /// </summary>
    private static bool IsJson(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var type = media.MediaType;
        var isJson = StringSegment.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase)
                     || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = HeaderUtilities.RemoveQuotes(media.Charset);
        return isJson && (charset.Length == 0 || StringSegment.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase));
    }
}
