namespace Solifyn.Client;

/// <summary>
/// Every problem <c>code</c> the API answers with (<see cref="SolifynApiException.Code"/>): the enum of
/// <c>ProblemDetails.code</c> in the service's OpenAPI document, which a test checks these constants equal exactly.
/// Codes are never renamed, but a newer service may add one, so <see cref="SolifynApiException.Code"/> stays a string:
/// compare it with these constants and keep a default branch for codes this version does not know.
/// </summary>
/// <example><code>
/// catch (SolifynApiException e) when (e.Code == SolifynErrorCodes.ActivationLimitReached)
/// {
///     // every seat is taken: ask the customer to deactivate a device
/// }
/// </code></example>
public static class SolifynErrorCodes
{
    /// <summary>400: one or more fields are invalid; <see cref="SolifynApiException.Errors"/> names each one with its <see cref="SolifynFieldErrorCodes">field code</see>.</summary>
    public const string ValidationFailed = "VALIDATION_FAILED";

    /// <summary>400: the request body is empty or is not a JSON object (an array, string, number or null).</summary>
    public const string InvalidBody = "INVALID_BODY";

    /// <summary>400: the request body is not well-formed JSON, is not UTF-8, or holds more than one JSON value.</summary>
    public const string MalformedJson = "MALFORMED_JSON";

    /// <summary>400: the request could not be read or processed at all.</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>400: the <c>Idempotency-Key</c> header is not 1-255 printable ASCII characters, or was sent more than once.</summary>
    public const string InvalidIdempotencyKey = "INVALID_IDEMPOTENCY_KEY";

    /// <summary>400: a webhook endpoint URL is not allowed; the detail names the reason (NOT_HTTPS, LOOPBACK, PRIVATE, LINK_LOCAL, METADATA, UNRESOLVABLE, INVALID).</summary>
    public const string InvalidWebhookUrl = "INVALID_WEBHOOK_URL";

    /// <summary>400: a webhook endpoint names an event type the service does not send (field <c>events</c>).</summary>
    public const string InvalidEventType = "INVALID_EVENT_TYPE";

    /// <summary>401: a business route was called without an API key (<c>Authorization: Bearer &lt;api key&gt;</c>).</summary>
    public const string MissingApiKey = "MISSING_API_KEY";

    /// <summary>401: the API key is not valid (revoked, expired or mistyped).</summary>
    public const string InvalidApiKey = "INVALID_API_KEY";

    /// <summary>403: the request is not allowed.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>
    /// The license has been revoked: 403 when activating it, 409 when changing it (<see cref="LicensesClient.UpdateAsync"/>);
    /// revocation is final.
    /// </summary>
    public const string LicenseRevoked = "LICENSE_REVOKED";

    /// <summary>403: activating a license that is suspended (<see cref="LicenseStatus.Disabled"/>).</summary>
    public const string LicenseDisabled = "LICENSE_DISABLED";

    /// <summary>403: activating a license that has expired.</summary>
    public const string LicenseExpired = "LICENSE_EXPIRED";

    /// <summary>404: no resource exists at this URL (an unknown route).</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>404: the business of this API key no longer exists.</summary>
    public const string BusinessNotFound = "BUSINESS_NOT_FOUND";

    /// <summary>404: this business has no webhook endpoint with that id.</summary>
    public const string WebhookEndpointNotFound = "WEBHOOK_ENDPOINT_NOT_FOUND";

    /// <summary>404: this business has no event with that id (events are kept 30 days).</summary>
    public const string EventNotFound = "EVENT_NOT_FOUND";

    /// <summary>404: no license with that id or key exists for this business (another business's license is not found either).</summary>
    public const string LicenseNotFound = "LICENSE_NOT_FOUND";

    /// <summary>404: the license has no active instance with that id; the field error names <c>instanceId</c>.</summary>
    public const string InstanceNotFound = "INSTANCE_NOT_FOUND";

    /// <summary>405: this URL does not accept that HTTP method.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>409: the business has 16 webhook endpoints, the most it may have; delete one first.</summary>
    public const string WebhookEndpointLimit = "WEBHOOK_ENDPOINT_LIMIT";

    /// <summary>409: the business already has a license with that key (keys match ignoring ASCII letter case); the field error names <c>key</c>.</summary>
    public const string LicenseKeyExists = "LICENSE_KEY_EXISTS";

    /// <summary>409: the new activation limit is below the license's active instances; deactivate some first. The field error names <c>activationLimit</c>.</summary>
    public const string ActivationLimitBelowInstances = "ACTIVATION_LIMIT_BELOW_INSTANCES";

    /// <summary>409: a request with this <c>Idempotency-Key</c> is still being processed; the client retries it.</summary>
    public const string IdempotencyRequestInProgress = "IDEMPOTENCY_REQUEST_IN_PROGRESS";

    /// <summary>413: the request body is larger than the route accepts.</summary>
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";

    /// <summary>415: the body was not sent as <c>Content-Type: application/json</c> (UTF-8).</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>422: every seat of the license is taken; deactivate an instance to free one.</summary>
    public const string ActivationLimitReached = "ACTIVATION_LIMIT_REACHED";

    /// <summary>422: this <c>Idempotency-Key</c> was already used for a different request.</summary>
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";

    /// <summary>429: too many requests; wait for <see cref="SolifynApiException.RetryAfter"/>. The client retries it.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>500: an unexpected error, logged by the service. Not retried.</summary>
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>503: the service is temporarily unavailable and the outcome is unknown; the client retries it with the same idempotency key.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    /// <summary>503: storage is temporarily unavailable and the outcome is unknown; the client retries it with the same idempotency key.</summary>
    public const string StorageUnavailable = "STORAGE_UNAVAILABLE";
}
