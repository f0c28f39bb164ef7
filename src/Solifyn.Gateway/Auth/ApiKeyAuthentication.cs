using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Solifyn.Abstractions.ApiKeys;
using Solifyn.Domain.ApiKeys;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Auth;

public static class ApiKeyAuthentication
{
    public const string Scheme = "Bearer";
    public const string BusinessIdClaim = "solifyn:business_id";

    /// <summary>The key's lookup id (a hash prefix, not the key): the partition of its rate limit.</summary>
    public const string ApiKeyIdClaim = "solifyn:api_key_id";

    public static string BusinessId(this ClaimsPrincipal user) =>
        user.FindFirstValue(BusinessIdClaim) ?? throw new InvalidOperationException("Endpoint requires an authenticated business.");

    public static IServiceCollection AddSolifynAuthentication(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyCacheOptions>().BindConfiguration(ApiKeyCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyCache>();
        services.AddAuthentication(Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        services.AddAuthorization();
        return services;
    }
}

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c> → the business that owns the key. The key is hashed here and only
/// the hash travels to the cluster, where it is compared in constant time against the stored hash; the answer is cached
/// (<see cref="ApiKeyCache"/>), and a revocation reaches the cache before it returns.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyCache keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0) return AuthenticateResult.NoResult();

        var header = headers.Count == 1 ? headers[0] : null;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Malformed Authorization header.");
        }
        var apiKey = header["Bearer ".Length..].Trim();
        if (!ApiKeyHash.IsPlausible(apiKey)) return AuthenticateResult.Fail("Invalid API key.");

        var hash = ApiKeyHash.Of(apiKey);
        var businessId = await keys.AuthenticateAsync(hash);
        if (businessId is null) return AuthenticateResult.Fail("Invalid API key.");

        var identity = new ClaimsIdentity(
            [new Claim(ApiKeyAuthentication.BusinessIdClaim, businessId), new Claim(ApiKeyAuthentication.ApiKeyIdClaim, hash.LookupId)],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var missing = Request.Headers.Authorization.Count == 0;
        var definition = ErrorCatalog.Get(missing ? ErrorCodes.MissingApiKey : ErrorCodes.InvalidApiKey);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = definition.Title,
                Detail = missing ? definition.Detail : "The API key is not valid.",
                Extensions = { ["code"] = definition.Code },
            },
        });
    }
}
