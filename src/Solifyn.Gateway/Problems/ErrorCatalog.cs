using System.Collections.Frozen;
using Solifyn.Domain.Licensing;

namespace Solifyn.Gateway.Problems;

/// <summary>
/// One error of this API: its stable <c>code</c> (clients switch on it; never rename one), HTTP status and title
/// (RFC 9457 §3.1.3: the same for every occurrence), the sentence used when the occurrence has none of its own, and,
/// for a code that is about one field, that field. <see cref="StatusForChange"/> is the status when the request was a
/// change rather than a use (a revoked license is 403 to use, 409 to change).
/// </summary>
public sealed record ErrorDefinition(string Code, int Status, string Title, string Detail, string? Field = null, int? StatusForChange = null);

/// <summary>
/// Every problem code this API answers with, in one table: <see cref="ApiProblems"/> answers from it, the OpenAPI
/// document lists its codes as the enum of <c>code</c>, and a test checks every code the domain and the gateway can
/// produce is in it. A code missing from it would be a bug, answered as 500 <c>INTERNAL_ERROR</c> and logged.
/// </summary>
public static class ErrorCatalog
{
    public static readonly FrozenDictionary<string, ErrorDefinition> ByCode = new ErrorDefinition[]
    {
        new(ErrorCodes.ValidationFailed, 400, "The request is invalid.", "One or more fields are invalid."),
        new(ErrorCodes.InvalidBody, 400, "The request body is not a JSON object.", "Send a JSON object."),
        new(ErrorCodes.MalformedJson, 400, "The request body is not valid JSON.", "Send a single well-formed JSON object, UTF-8 encoded."),
        new(ErrorCodes.BadRequest, 400, "The request could not be processed.", "The request could not be processed."),
        new(ErrorCodes.InvalidIdempotencyKey, 400, "Invalid Idempotency-Key.", "The Idempotency-Key header must be 1-255 printable ASCII characters, sent once."),
        new(ErrorCodes.InvalidWebhookUrl, 400, "Invalid webhook URL.",
            "The URL must be https and must not resolve to a loopback, private, link-local or metadata address.", Field: "url"),
        new(ErrorCodes.InvalidEventType, 400, "Invalid event type.",
            "Name one or more of license.created, license.updated, license.revoked, license.activated, license.deactivated, license.expired.", Field: "events"),
        new(ErrorCodes.MissingApiKey, 401, "Missing API key.", "Send your API key as 'Authorization: Bearer <api key>'."),
        new(ErrorCodes.InvalidApiKey, 401, "Invalid API key.", "The API key is not valid (revoked, expired or mistyped)."),
        new(ErrorCodes.Forbidden, 403, "Forbidden.", "This request is not allowed."),
        new(LicenseCodes.LicenseRevoked, 403, "License revoked.", "This license has been revoked.", StatusForChange: 409),
        new(LicenseCodes.LicenseDisabled, 403, "License disabled.", "This license is suspended."),
        new(LicenseCodes.LicenseExpired, 403, "License expired.", "This license has expired."),
        new(ErrorCodes.NotFound, 404, "Not found.", "No resource exists at this URL."),
        new(ErrorCodes.BusinessNotFound, 404, "Business not found.", "The business of this API key no longer exists."),
        new(LicenseCodes.LicenseNotFound, 404, "License not found.", "No license with that id or key exists for this business."),
        new(LicenseCodes.InstanceNotFoundError, 404, "Instance not found.", "The license has no active instance with that id.", Field: "instanceId"),
        new(ErrorCodes.WebhookEndpointNotFound, 404, "Webhook endpoint not found.", "This business has no webhook endpoint with that id."),
        new(ErrorCodes.EventNotFound, 404, "Event not found.", "This business has no event with that id (events are kept 30 days)."),
        new(ErrorCodes.MethodNotAllowed, 405, "Method not allowed.", "This URL does not accept that HTTP method."),
        new(ErrorCodes.LicenseKeyExists, 409, "License key already exists.", "This business already has a license with that key (keys match ignoring ASCII letter case).", Field: "key"),
        new(LicenseCodes.ActivationLimitBelowInstances, 409, "Activation limit below active instances.",
            "Deactivate instances before lowering the limit below their number.", Field: "activationLimit"),
        new(ErrorCodes.IdempotencyRequestInProgress, 409, "Request in progress.", "A request with this Idempotency-Key is still being processed. Retry shortly."),
        new(ErrorCodes.WebhookEndpointLimit, 409, "Webhook endpoint limit reached.", "A business has at most 16 webhook endpoints. Delete one first."),
        new(ErrorCodes.PayloadTooLarge, 413, "The request body is too large.", "The request body is too large."),
        new(ErrorCodes.UnsupportedMediaType, 415, "Unsupported media type.", "Send the body as 'Content-Type: application/json' (UTF-8)."),
        new(LicenseCodes.ActivationLimitReached, 422, "Activation limit reached.", "Every seat of this license is taken. Deactivate an instance to free one."),
        new(ErrorCodes.IdempotencyKeyReused, 422, "Idempotency key reused.", "This Idempotency-Key was already used for a different request."),
        new(ErrorCodes.RateLimited, 429, "Too many requests.", "Slow down and retry after the time in Retry-After."),
        new(ErrorCodes.InternalError, 500, "An unexpected error occurred.", "The error has been logged."),
        new(ErrorCodes.ServiceUnavailable, 503, "The service is temporarily unavailable.", "Please retry shortly."),
        new(ErrorCodes.StorageUnavailable, 503, "Storage is temporarily unavailable.", "Please retry shortly."),
    }.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);

    /// <summary>The definition of <paramref name="code"/>; an unknown code is <c>INTERNAL_ERROR</c>.</summary>
    public static ErrorDefinition Get(string code) => ByCode.TryGetValue(code, out var definition) ? definition : ByCode[ErrorCodes.InternalError];
}
