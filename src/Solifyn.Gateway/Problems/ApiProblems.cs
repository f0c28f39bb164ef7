using Microsoft.AspNetCore.Http.HttpResults;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;

namespace Solifyn.Gateway.Problems;

/// <summary>RFC 9457 problem responses with this API's extensions: a stable <c>code</c>, and <c>errors</c> for fields.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Create(int status, string code, string title, string detail,
        IReadOnlyList<FieldError>? errors = null) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: detail,
            extensions: errors is null
                ? new Dictionary<string, object?> { ["code"] = code }
                : new Dictionary<string, object?> { ["code"] = code, ["errors"] = errors.Select(ToWire).ToArray() });

    public static ProblemHttpResult Validation(IReadOnlyList<FieldError> errors) =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The request is invalid.",
            errors.Count == 1 ? errors[0].Detail : $"{errors[0].Detail} ({errors.Count - 1} more errors)", errors);

    public static ProblemHttpResult LicenseKeyExists() =>
        Create(StatusCodes.Status409Conflict, ErrorCodes.LicenseKeyExists, "License key already exists.",
            "This business already has a license with that key.",
            [new FieldError("key", ErrorCodes.LicenseKeyExists, "'key' is already used by another license of this business.")]);

    /// <summary>A license operation's error code as a problem. LICENSE_REVOKED is 409 for a change, 403 for a use.</summary>
    public static ProblemHttpResult License(string code, bool isChange = false) => code switch
    {
        LicenseCodes.LicenseNotFound => Create(404, code, "License not found.", "No license with that id or key exists for this business."),
        LicenseCodes.InstanceNotFoundError => Create(404, code, "Instance not found.", "The license has no active instance with that id.",
            [new FieldError("instanceId", code, "No active instance has this id.")]),
        LicenseCodes.LicenseRevoked when isChange => Create(409, code, "License revoked.", "A revoked license can no longer be changed."),
        LicenseCodes.LicenseRevoked => Create(403, code, "License revoked.", "This license has been revoked."),
        LicenseCodes.LicenseDisabled => Create(403, code, "License disabled.", "This license is suspended."),
        LicenseCodes.LicenseExpired => Create(403, code, "License expired.", "This license has expired."),
        LicenseCodes.ActivationLimitReached => Create(422, code, "Activation limit reached.",
            "Every seat of this license is taken. Deactivate an instance to free one."),
        LicenseCodes.ActivationLimitBelowInstances => Create(409, code, "Activation limit below active instances.",
            "Deactivate instances before lowering the limit below their number.",
            [new FieldError("activationLimit", code, "'activationLimit' is below the number of active instances.")]),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unmapped license error code."),
    };

    public static ProblemHttpResult Unavailable(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = "1";
        return Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
            "The service is temporarily unavailable.", detail);
    }

    private static object ToWire(FieldError error) => new { field = error.Field, code = error.Code, detail = error.Detail };
}
