using System.Text.Json;

namespace Solifyn.Client;

/// <summary>The claims of a license token that <see cref="LicenseToken.Verify"/> accepted: signed by the business, in force now.</summary>
public sealed record LicenseTokenClaims
{
    /// <summary>The business that signed it (<c>iss</c>), <c>biz_...</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The license it is for (<c>sub</c>), <c>lic_...</c>.</summary>
    public required string LicenseId { get; init; }

    /// <summary>The token's own id (<c>jti</c>), <c>ltk_...</c>, unique per checkout; for audit.</summary>
    public required string TokenId { get; init; }

    /// <summary>When it was signed (<c>iat</c>, whole seconds).</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>When it starts verifying (<c>nbf</c>, whole seconds): the time it was signed.</summary>
    public DateTimeOffset NotBefore { get; init; }

    /// <summary>
    /// When it stops verifying (<c>exp</c>, whole seconds): the checkout's <c>ttlHours</c> after <see cref="IssuedAt"/>,
    /// or the license's own expiry when that is earlier.
    /// </summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The license as it was at checkout (never its key).</summary>
    public required LicenseTokenLicense License { get; init; }

    /// <summary>The instance the token was checked out for; null when none was named.</summary>
    public LicenseTokenInstance? Instance { get; init; }
}

/// <summary>The <c>license</c> claim of a license token: the license as it was at checkout. The license key is never in a token.</summary>
public sealed record LicenseTokenLicense
{
    /// <summary>The license's id, <c>lic_...</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Its status at checkout; only a license that validates can check out, so <see cref="LicenseStatus.Active"/>.</summary>
    public LicenseStatus Status { get; init; }

    /// <summary>The product it is for, if any: compare it with your product before unlocking it.</summary>
    public string? ProductId { get; init; }

    /// <summary>The customer it was issued to, if any.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Seats: how many instances may be active at once; null is unlimited.</summary>
    public int? ActivationLimit { get; init; }

    /// <summary>When the license itself expires; null never. The token's <c>exp</c> is never later.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The license's custom metadata (a JSON object, e.g. feature flags), or null.</summary>
    public JsonElement? Filters { get; init; }
}

/// <summary>The <c>instance</c> claim: the activation the token was checked out for.</summary>
public sealed record LicenseTokenInstance
{
    /// <summary>The instance's id, <c>lki_...</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Its device fingerprint, if it was activated with one: compare it with this device's before trusting the token here.</summary>
    public string? Fingerprint { get; init; }
}
