namespace Solifyn.Client;

/// <summary>What <see cref="ValidationToken.Verify"/> checks a signed validation answer against.</summary>
public sealed record ValidationTokenVerification
{
    /// <summary>Your business id, <c>biz_...</c>: the token's <c>iss</c> must be exactly this.</summary>
    public required string BusinessId { get; init; }

    /// <summary>The nonce you sent in <see cref="ValidateLicenseRequest.Nonce"/>: the token's <c>nonce</c> must be exactly this.</summary>
    public required string Nonce { get; init; }

    /// <summary>The time to check <c>exp</c> (5 minutes after the answer) against; null is the system clock's now.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>How far this device's clock may be off, either way, when <c>exp</c> is checked; default zero. Must not be negative.</summary>
    public TimeSpan ClockSkew { get; init; }
}
