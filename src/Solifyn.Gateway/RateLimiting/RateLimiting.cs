using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Solifyn.Gateway.Auth;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.RateLimiting;

/// <summary>
/// ASP.NET Core rate limiting: per API key on business routes, per client address on customer routes (policies),
/// and per license key on customer routes (checked by the handler once the body names the key). Rejections are
/// 429 problem+json <c>RATE_LIMITED</c> with Retry-After.
/// </summary>
public static class RateLimiting
{
    public const string BusinessPolicy = "business";
    public const string LicenseKeyPolicy = "license-key";

    public static IServiceCollection AddSolifynRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LicenseKeyThrottle>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                await WriteRejectionAsync(context.HttpContext, retryAfter);
            };
            options.AddPolicy(BusinessPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var partition = http.User.FindFirst(ApiKeyAuthentication.ApiKeyIdClaim)?.Value is { } keyId ? "key:" + keyId : "ip:" + Address(http);
                return Bucket(partition, limits.ApiKeyPerSecond, limits.ApiKeyBurst);
            });
            options.AddPolicy(LicenseKeyPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return Bucket("ip:" + Address(http), limits.AddressPerSecond, limits.AddressBurst);
            });
        });
        return services;
    }

    internal static RateLimitPartition<string> Bucket(string partition, int perSecond, int burst) =>
        perSecond <= 0
            ? RateLimitPartition.GetNoLimiter(partition)
            : RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(burst, 1),
                TokensPerPeriod = Math.Max(perSecond / 10, 1),
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(perSecond >= 10 ? 100 : 1000.0 * Math.Max(perSecond / 10, 1) / perSecond),
                QueueLimit = 0,
                AutoReplenishment = true,
            });

    internal static Task WriteRejectionAsync(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        SetRetryAfter(http, retryAfter);
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = "Rate limit exceeded. Retry after the number of seconds in Retry-After.",
                Extensions = { ["code"] = ErrorCodes.RateLimited },
            },
        }).AsTask();
    }

    /// <summary>Retry-After in whole seconds, at least 1.</summary>
    internal static void SetRetryAfter(HttpContext http, TimeSpan retryAfter) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The client's address: the socket peer, or, when that peer is one of <c>Solifyn:Gateway:KnownProxies</c>, the
    /// client it forwarded (the forwarded-headers middleware runs first and rewrites the connection's address). An
    /// IPv4-mapped IPv6 address counts as its IPv4 address, so one client has one bucket on a dual-stack socket.
    /// </summary>
    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        var address => address.ToString(),
    };
}

/// <summary>Per license key limit of the customer routes, shared by all callers of that key.</summary>
public sealed class LicenseKeyThrottle(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        key => RateLimiting.Bucket(key, options.Value.LicenseKeyPerSecond, options.Value.LicenseKeyBurst));

    /// <summary>Null when the call may go ahead; otherwise the 429 to answer.</summary>
    public ProblemHttpResult? Check(HttpContext http, string licenseGrainKey)
    {
        if (options.Value.LicenseKeyPerSecond <= 0) return null; // off: keep no per-key state at all
        using var lease = _limiter.AttemptAcquire(licenseGrainKey);
        if (lease.IsAcquired) return null;
        RateLimiting.SetRetryAfter(http, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1));
        return ApiProblems.Problem(ErrorCodes.RateLimited, "Rate limit for this license key exceeded. Retry after the number of seconds in Retry-After.");
    }

    public void Dispose() => _limiter.Dispose();
}
