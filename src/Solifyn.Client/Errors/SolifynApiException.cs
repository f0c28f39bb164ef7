using System.Net;

namespace Solifyn.Client;

/// <summary>
/// The API answered with an error: an RFC 9457 problem, whose stable <see cref="Code"/> is what to switch on
/// (e.g. <c>VALIDATION_FAILED</c>, <c>LICENSE_NOT_FOUND</c>, <c>ACTIVATION_LIMIT_REACHED</c>, <c>INVALID_API_KEY</c>).
/// </summary>
public class SolifynApiException : SolifynException
{
    /// <summary>Creates an exception for an error answer; <see cref="SolifynClient"/> makes these, tests and fakes may too.</summary>
    public SolifynApiException(HttpStatusCode statusCode, string? code, string? title, string? detail,
        IReadOnlyList<SolifynFieldError>? errors = null, TimeSpan? retryAfter = null)
        : base(MessageFor(statusCode, code, title, detail))
    {
        StatusCode = statusCode;
        Code = code;
        Title = title;
        Detail = detail;
        Errors = errors ?? [];
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// The problem's stable machine-readable <c>code</c>; null only when the answer was not a problem document (for
    /// example a proxy's error page).
    /// </summary>
    public string? Code { get; }

    /// <summary>The problem's short summary.</summary>
    public string? Title { get; }

    /// <summary>The problem's explanation of this occurrence.</summary>
    public string? Detail { get; }

    /// <summary>The offending fields, for <c>VALIDATION_FAILED</c> and a few field-specific codes; empty otherwise.</summary>
    public IReadOnlyList<SolifynFieldError> Errors { get; }

    /// <summary>How long the server asked the caller to wait (<c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; }

    internal static SolifynApiException FromResponse(int status, byte[] body, TimeSpan? retryAfter)
    {
        var problem = ProblemDocument.TryParse(body);
        return new SolifynApiException((HttpStatusCode)status, problem?.Code, problem?.Title, problem?.Detail,
            problem?.Errors?.Where(e => e is not null).ToList(), retryAfter);
    }

    private static string MessageFor(HttpStatusCode status, string? code, string? title, string? detail)
    {
        var what = code is null ? $"{(int)status}" : $"{(int)status} {code}";
        var why = string.Join(" ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        return why.Length == 0 ? $"The Solifyn API answered {what}." : $"The Solifyn API answered {what}: {why}";
    }
}
