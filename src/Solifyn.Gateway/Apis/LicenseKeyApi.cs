using Solifyn.Grains.Telemetry;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;
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
            .Accepts<ActivateBody>("application/json")
            .Idempotent(IdempotencyScope.LicenseKey)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/deactivate", Deactivate)
            .WithName("DeactivateLicense")
            .WithSummary("Deactivate an instance, freeing its seat")
            .Accepts<DeactivateBody>("application/json")
            .Idempotent(IdempotencyScope.LicenseKey)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/validate", Validate)
            .WithName("ValidateLicense")
            .WithSummary("Validate a license key")
            .WithDescription("Always 200 with a verdict. Codes, checked in this order: NOT_FOUND, REVOKED, DISABLED, EXPIRED, " +
                             "PRODUCT_MISMATCH, INSTANCE_NOT_FOUND, VALID.")
            .Accepts<ValidateBody>("application/json")
            .Idempotent(IdempotencyScope.LicenseKey)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return api;
    }

    public static async Task<Results<Ok<ActivationResource>, ProblemHttpResult>> Activate(
        HttpContext http, IGrainFactory grains, LicenseKeyThrottle throttle, CancellationToken cancellationToken)
    {
        var (request, license, problem) = await ReadAsync(http, grains, throttle, ActivateRequest.Parse, r => (r.BusinessId, r.Key), cancellationToken);
        if (problem is not null) return problem;

        var outcome = await license!.Activate(request!.Name, request.Fingerprint, (http.IdempotencySeed() ?? Solifyn.Abstractions.Idempotency.IdempotencySeed.New()).InstanceId);
        if (outcome.ErrorCode is { } code) return ApiProblems.License(code);
        var activated = outcome.License!;
        return TypedResults.Ok(new ActivationResource(
            LicenseInstanceResource.From(outcome.Instance!), LicenseResource.From(activated), activated.ActivationMessage));
    }

    public static async Task<Results<Ok<DeactivationResource>, ProblemHttpResult>> Deactivate(
        HttpContext http, IGrainFactory grains, LicenseKeyThrottle throttle, CancellationToken cancellationToken)
    {
        var (request, license, problem) = await ReadAsync(http, grains, throttle, DeactivateRequest.Parse, r => (r.BusinessId, r.Key), cancellationToken);
        if (problem is not null) return problem;

        var outcome = await license!.Deactivate(request!.InstanceId);
        return outcome.ErrorCode is { } code
            ? ApiProblems.License(code)
            : TypedResults.Ok(new DeactivationResource(LicenseInstanceResource.From(outcome.Instance!), LicenseResource.From(outcome.License!)));
    }

    public static async Task<Results<Ok<ValidationResource>, ProblemHttpResult>> Validate(
        HttpContext http, IGrainFactory grains, LicenseKeyThrottle throttle, SolifynMetrics metrics, CancellationToken cancellationToken)
    {
        var (request, license, problem) = await ReadAsync(http, grains, throttle, ValidateRequest.Parse, r => (r.BusinessId, r.Key), cancellationToken);
        if (problem is not null) return problem;

        var verdict = await license!.Validate(request!.InstanceId, request.Fingerprint, request.ProductId);
        metrics.Validated(verdict.Code);
        return TypedResults.Ok(new ValidationResource(verdict.Valid, verdict.Code,
            verdict.License is null ? null : LicenseResource.From(verdict.License),
            LicenseInstanceResource.FromOrNull(verdict.Instance)));
    }

    /// <summary>
    /// What every customer route does first: read and validate the body, apply the per-license-key limit, and address
    /// the license grain of the named key (its identity, a SHA-256 of the key, computed once).
    /// </summary>
    private static async Task<(T? Request, ILicenseGrain? License, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpContext http, IGrainFactory grains, LicenseKeyThrottle throttle,
        Func<JsonElement, (T? Value, IReadOnlyList<FieldError> Errors)> parse, Func<T, (string BusinessId, string Key)> credential,
        CancellationToken cancellationToken) where T : class
    {
        var (request, problem) = await JsonBody.ParseAsync(http.Request, MaxBodyBytes, parse, cancellationToken);
        if (problem is not null) return (null, null, problem);
        var (businessId, key) = credential(request!);
        var grainKey = LicenseGrainKey.For(businessId, key);
        if (throttle.Check(http, grainKey) is { } limited) return (null, null, limited);
        return (request, grains.GetGrain<ILicenseGrain>(grainKey), null);
    }
}
