namespace Solifyn.Client;

/// <summary>A checked-out license token: keep <see cref="Token"/> and verify it with <see cref="LicenseToken.Verify"/>.</summary>
public sealed record LicenseCheckout
{
    /// <summary>
    /// The license token: a JWS in compact serialization (RFC 7515) signed with Ed25519 (<c>alg: EdDSA</c>, RFC 8037),
    /// header <c>typ: license+jwt</c>. Store it as is; an edited token no longer verifies.
    /// </summary>
    public required string Token { get; init; }

    /// <summary>When the token stops verifying: its <c>exp</c> claim (never after the license's own expiry).</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}
