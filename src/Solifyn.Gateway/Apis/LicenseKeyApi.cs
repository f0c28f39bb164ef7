using Solifyn.Gateway.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Solifyn.Abstractions;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Licensing;
using Solifyn.Gateway.Contracts;
using Solifyn.Gateway.Http;
using Solifyn.Gateway.Idempotency;
using Solifyn.Gateway.RateLimiting;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Apis;

/// <summary>
/// The routes a customer's software calls: no API key, the license key is the credential and the business is named
/// in the body. Each is one call to the license grain of that key.
/// </summary>
public static class LicenseKeyApi
{
    private const int MaxBodyBytes = 4 * 1024;

    public static RouteGroupBuilder MapLicenseKeyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/licenses")
            .WithTags("License keys")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimiting.RateLimiting.LicenseKeyPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/activate", Activate)
            .WithName("ActivateLicense")
            .WithSummary("Activate a license key on a device")
            .WithDescription("Takes a seat. The same fingerprint again returns its existing instance and takes no new seat.")
            .AcceptsJson<ActivateRequest>(MaxBodyBytes)
            .IdempotentInStorageStep(IdempotencyScope.LicenseKey)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/deactivate", Deactivate)
            .WithName("DeactivateLicense")
            .WithSummary("Deactivate an instance, freeing its seat")
            .AcceptsJson<DeactivateRequest>(MaxBodyBytes)
            .IdempotentInStorageStep(IdempotencyScope.LicenseKey)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/validate", Validate)
            .WithName("ValidateLicense")
            .WithSummary("Validate a license key")
            .WithDescription("Always 200 with a verdict. Codes, checked in this order: NOT_FOUND, REVOKED, DISABLED, EXPIRED, " +
                             "PRODUCT_MISMATCH, INSTANCE_NOT_FOUND, VALID.")
            .AcceptsJson<ValidateRequest>(MaxBodyBytes)
            .Idempotent(IdempotencyScope.LicenseKey)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/checkout", Checkout)
            .WithName("CheckoutLicense")
            .WithSummary("Check out a signed license token for offline use")
            .WithDescription("A compact JWS (alg EdDSA, typ license+jwt) of the license (never its key) and, when instanceId and/or " +
                             "fingerprint name an active instance, of that instance; signed with the business's current key. " +
                             "exp is iat + ttlHours (default 168, at most 8760), never after the license's expiresAt. Verify it " +
                             "offline with any JOSE library against GET /v1/businesses/{businessId}/jwks.json. Changes nothing; " +
                             "a license that is not valid is refused with its code (403 LICENSE_REVOKED, LICENSE_DISABLED, LICENSE_EXPIRED).")
            .AcceptsJson<CheckoutRequest>(MaxBodyBytes)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    public static async Task<Results<Ok<CheckoutResource>, ProblemHttpResult>> Checkout(
        Body<CheckoutRequest> body, HttpContext http, IGrainFactory grains, LicenseKeyThrottle throttle)
    {
        var request = body.Value;
        var (license, limited) = Address(grains, throttle, http, request);
        if (limited is not null) return limited;

        var checkout = await license!.Checkout(request.InstanceId, request.Fingerprint, request.TtlHours ?? CheckoutRequest.DefaultTtlHours);
        if (checkout.ErrorCode == LicenseCodes.InstanceNotFoundError && request.Fingerprint is not null)
        {
            // Named by its fingerprint, alone or with an id that must agree with it: the error names what was sent.
            var both = request.InstanceId is not null;
            var detail = both
                ? "The license has no active instance with that id and that fingerprint (both were sent, so they must name the same instance)."
                : "The license has no active instance with that fingerprint.";
            string[] fields = both ? ["instanceId", "fingerprint"] : ["fingerprint"];
            return ApiProblems.Problem(LicenseCodes.InstanceNotFoundError, detail,
                fields.Select(field => new Solifyn.Domain.Validation.FieldError(field, LicenseCodes.InstanceNotFoundError, detail)).ToList());
        }
        return checkout.ErrorCode is { } code
            ? ApiProblems.License(code)
            : TypedResults.Ok(new CheckoutResource(checkout.Token!, checkout.ExpiresAt!.Value));
    }

    public static async Task<Results<Ok<ActivationResource>, ProblemHttpResult>> Activate(
        Body<ActivateRequest> body, HttpContext http, IGrainFactory grains, LicenseKeyThrottle throttle)
    {
        var request = body.Value;
        var (license, limited) = Address(grains, throttle, http, request);
        if (limited is not null) return limited;

        // With an Idempotency-Key, the key and the answer are recorded in the activation's own storage step. The instance
        // id is chosen here either way, so a repeat of the grain call lands on the same seat.
        var instanceId = Solifyn.Domain.Identifiers.PrefixedId.New(Solifyn.Domain.Identifiers.PrefixedId.LicenseInstance);
        var outcome = http.IdempotentCreate() is { } idempotency
            ? await license!.ActivateIdempotent(request.Name, request.Fingerprint, instanceId, idempotency)
            : await license!.Activate(request.Name, request.Fingerprint, instanceId);
        http.MarkReplayed(outcome);
        if (outcome.ErrorCode is { } code) return ApiProblems.License(code);
        var activated = outcome.License!;
        return TypedResults.Ok(new ActivationResource(
            LicenseInstanceResource.From(outcome.Instance!), LicenseResource.From(activated), activated.ActivationMessage));
    }

    public static async Task<Results<Ok<DeactivationResource>, ProblemHttpResult>> Deactivate(
        Body<DeactivateRequest> body, HttpContext http, IGrainFactory grains, LicenseKeyThrottle throttle)
    {
        var request = body.Value;
        var (license, limited) = Address(grains, throttle, http, request);
        if (limited is not null) return limited;

        var outcome = http.IdempotentCreate() is { } idempotency
            ? await license!.DeactivateIdempotent(request.InstanceId, idempotency)
            : await license!.Deactivate(request.InstanceId);
        http.MarkReplayed(outcome);
        return outcome.ErrorCode is { } code
            ? ApiProblems.License(code)
            : TypedResults.Ok(new DeactivationResource(LicenseInstanceResource.From(outcome.Instance!), LicenseResource.From(outcome.License!)));
    }

    public static async Task<Results<Ok<ValidationResource>, ProblemHttpResult>> Validate(
        Body<ValidateRequest> body, HttpContext http, IGrainFactory grains, LicenseKeyThrottle throttle, GatewayMetrics metrics)
    {
        var request = body.Value;
        var (license, limited) = Address(grains, throttle, http, request);
        if (limited is not null) return limited;

        var verdict = await license!.Validate(request.InstanceId, request.Fingerprint, request.ProductId, request.Nonce);
        metrics.Validated(verdict.Code);
        return TypedResults.Ok(new ValidationResource(verdict.Valid, verdict.Code,
            verdict.License is null ? null : LicenseResource.From(verdict.License),
            LicenseInstanceResource.FromOrNull(verdict.Instance), verdict.Token));
    }

    /// <summary>
    /// What every customer route does first: apply the per-license-key limit and address the license grain of the named
    /// key (its identity, the business and a digest of the key, computed once).
    /// </summary>
    private static (ILicenseGrain? License, ProblemHttpResult? Limited) Address(
        IGrainFactory grains, LicenseKeyThrottle throttle, HttpContext http, ILicenseKeyCredential credential)
    {
        var grainKey = LicenseGrainKey.For(credential.BusinessId, credential.Key);
        return throttle.Check(http, grainKey) is { } limited ? (null, limited) : (grains.GetGrainFast<ILicenseGrain>(grainKey), null);
    }
}
