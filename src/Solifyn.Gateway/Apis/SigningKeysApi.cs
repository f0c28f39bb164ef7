using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Solifyn.Abstractions.Signing;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Validation;
using Solifyn.Gateway.Auth;
using Solifyn.Gateway.Contracts;
using Solifyn.Gateway.Idempotency;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Apis;

/// <summary>
/// The business's license-token signing keys: the public JWKS (anonymous, cacheable: what customers' software embeds
/// or fetches to verify tokens offline), and, with the API key, the list and rotation.
/// </summary>
public static class SigningKeysApi
{
    public const string JwksCacheControl = "public, max-age=300";

    public static IEndpointRouteBuilder MapSigningKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/businesses/{businessId}/jwks.json", GetJwks)
            .WithTags("Signing keys")
            .WithName("GetJwks")
            .WithSummary("The business's public signing keys (JWKS)")
            .WithDescription("No API key. The Ed25519 public keys (kty OKP, crv Ed25519) that verify the business's license and " +
                             "validation tokens: the current key first, then previous keys still listed. Cacheable (Cache-Control " +
                             "max-age 300, ETag; If-None-Match answers 304). The business's first key is made on first use.")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimiting.RateLimiting.LicenseKeyPolicy)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var api = app.MapGroup("/v1/business/signing-keys")
            .WithTags("Signing keys")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimiting.RateLimiting.BusinessPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/", ListKeys)
            .WithName("ListSigningKeys")
            .WithSummary("List the business's signing keys")
            .WithDescription("CURRENT and PREVIOUS keys, newest first, with when each PREVIOUS key leaves the JWKS (listedUntil). Never private material.");

        api.MapPost("/rotate", Rotate)
            .WithName("RotateSigningKey")
            .WithSummary("Make a new current signing key")
            .WithDescription("The former current key becomes PREVIOUS and stays in the JWKS for 90 days, so the tokens it signed keep " +
                             "verifying. At most 10 keys are kept: rotating with 10 listed drops the oldest PREVIOUS key. " +
                             "Silos switch to the new key within a minute.")
            .Idempotent(IdempotencyScope.Business)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<JwksResource>, StatusCodeHttpResult, ProblemHttpResult>> GetJwks(string businessId, HttpContext http, IGrainFactory grains)
    {
        if (!BusinessIdRules.IsValid(businessId))
        {
            return ApiProblems.Validation([new FieldError("businessId", FieldErrorCodes.InvalidFormat, "'businessId' is not a valid business id.")]);
        }
        if (await grains.GetGrain<ISigningKeyGrain>(businessId).GetPublicKeys() is not { } keys)
        {
            return ApiProblems.Problem(ErrorCodes.BusinessNotFound, "No business with that id exists.");
        }
        var etag = $"\"{Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', keys.Select(k => k.Kid)))))}\"";
        http.Response.Headers.CacheControl = JwksCacheControl;
        http.Response.Headers.ETag = etag;
        if (Matches(http.Request.Headers.IfNoneMatch, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(new JwksResource(keys.Select(JwkResource.From).ToList()));
    }

    public static async Task<Ok<SigningKeyListResource>> ListKeys(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(SigningKeyListResource.From(await grains.GetGrain<ISigningKeyGrain>(user.BusinessId()).List()));

    public static async Task<Results<Ok<SigningKeyListResource>, ProblemHttpResult>> Rotate(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetGrain<ISigningKeyGrain>(user.BusinessId()).Rotate() is { } keys
            ? TypedResults.Ok(SigningKeyListResource.From(keys))
            : ApiProblems.Problem(ErrorCodes.BusinessNotFound);

    /// <summary>If-None-Match (RFC 9110 §13.1.2): "*", or a list of entity tags compared weakly (a W/ prefix ignored).</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var header in ifNoneMatch)
        {
            if (header is null) continue;
            foreach (var tag in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == etag) return true;
            }
        }
        return false;
    }
}
