namespace Solifyn.Gateway.Problems;

/// <summary>
/// The stable <c>code</c> of every problem+json response. Clients switch on these; never rename one.
/// Field-level codes live in <see cref="Solifyn.Domain.Validation.FieldErrorCodes"/>.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string InvalidBody = "INVALID_BODY";
    public const string MalformedJson = "MALFORMED_JSON";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string MissingApiKey = "MISSING_API_KEY";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string LicenseKeyExists = "LICENSE_KEY_EXISTS";
    public const string BusinessNotFound = "BUSINESS_NOT_FOUND";
    public const string BadRequest = "BAD_REQUEST";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string StorageUnavailable = "STORAGE_UNAVAILABLE";
    public const string RateLimited = "RATE_LIMITED";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string IdempotencyRequestInProgress = "IDEMPOTENCY_REQUEST_IN_PROGRESS";
    public const string InvalidIdempotencyKey = "INVALID_IDEMPOTENCY_KEY";
    public const string InternalError = "INTERNAL_ERROR";
    public const string InvalidWebhookUrl = Abstractions.Webhooks.WebhookCodes.InvalidWebhookUrl;
    public const string InvalidEventType = Abstractions.Webhooks.WebhookCodes.InvalidEventType;
    public const string WebhookEndpointNotFound = Abstractions.Webhooks.WebhookCodes.EndpointNotFound;
    public const string EventNotFound = Abstractions.Webhooks.WebhookCodes.EventNotFound;
    public const string WebhookEndpointLimit = Abstractions.Webhooks.WebhookCodes.EndpointLimit;

    /// <summary>The code for a problem that was raised without one (e.g. by the framework for an unknown route).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => MissingApiKey,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        422 => ValidationFailed,
        503 => ServiceUnavailable,
        >= 500 => InternalError,
        _ => BadRequest,
    };
}
