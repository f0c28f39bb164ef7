using System.Net;

namespace Solifyn.Client;

/// <summary>
/// The API answered with an error: an RFC 9457 problem, whose stable <see cref="Code"/> is what to switch on
/// (one of <see cref="SolifynErrorCodes"/>, e.g. <see cref="SolifynErrorCodes.ValidationFailed"/>,
/// <see cref="SolifynErrorCodes.LicenseNotFound"/>, <see cref="SolifynErrorCodes.ActivationLimitReached"/>).
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
    /// The problem's stable machine-readable <c>code</c>: one of <see cref="SolifynErrorCodes"/> (each documented with
    /// its status and when it happens), or a code a newer service added, passed through as sent; null only when the
    /// answer was not a problem document (for example a proxy's error page).
    /// </summary>
    public string? Code { get; }

    /// <summary>The problem's short summary.</summary>
    public string? Title { get; }

    /// <summary>The problem's explanation of this occurrence.</summary>
    public string? Detail { get; }

    /// <summary>
    /// The offending fields, for <see cref="SolifynErrorCodes.ValidationFailed"/> and the codes about one field
    /// (<see cref="SolifynErrorCodes.LicenseKeyExists"/>, <see cref="SolifynErrorCodes.ActivationLimitBelowInstances"/>,
    /// <see cref="SolifynErrorCodes.InstanceNotFound"/>); empty otherwise.
    /// </summary>
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
