using System.ComponentModel.DataAnnotations;

namespace Solifyn.Gateway.RateLimiting;

/// <summary>
/// Token-bucket limits, bound from <c>Solifyn:RateLimits</c>. Each is per gateway process (replicas each allow this
/// much). A rate of 0 turns that limit off.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Solifyn:RateLimits";

    /// <summary>Requests per second per API key on the business routes (unauthenticated ones: per client address).</summary>
    [Range(0, 1_000_000)] public int ApiKeyPerSecond { get; set; } = 1_000;

    [Range(1, 10_000_000)] public int ApiKeyBurst { get; set; } = 2_000;

    /// <summary>Requests per second per client address on the customer routes (activate, deactivate, validate).</summary>
    [Range(0, 1_000_000)] public int AddressPerSecond { get; set; } = 1_000;

    [Range(1, 10_000_000)] public int AddressBurst { get; set; } = 2_000;

    /// <summary>Requests per second per license key on the customer routes, wherever they come from.</summary>
    [Range(0, 1_000_000)] public int LicenseKeyPerSecond { get; set; } = 100;

    [Range(1, 10_000_000)] public int LicenseKeyBurst { get; set; } = 200;
}
