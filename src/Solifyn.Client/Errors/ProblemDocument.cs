using System.Text.Json;
using Solifyn.Client.Serialization;

namespace Solifyn.Client;

/// <summary>An RFC 9457 <c>application/problem+json</c> body with this API's members <c>code</c> and <c>errors</c>.</summary>
internal sealed record ProblemDocument
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public string? Code { get; init; }
    public List<SolifynFieldError>? Errors { get; init; }

    /// <summary>The problem in an error body, or null when the body is not one (empty, HTML from a proxy, ...).</summary>
    public static ProblemDocument? TryParse(byte[] body)
    {
        if (body.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize(body, SolifynJsonContext.Default.ProblemDocument);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
