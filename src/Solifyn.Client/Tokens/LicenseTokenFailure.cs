namespace Solifyn.Client;

/// <summary>
/// Why <see cref="LicenseToken.Verify"/> or <see cref="ValidationToken.Verify"/> refused a token
/// (<see cref="LicenseTokenException.Reason"/>). The header and the signature are checked first (<see cref="Malformed"/>,
/// <see cref="UnknownKey"/>, <see cref="BadSignature"/>), before anything in the token is believed; then the times, the
/// issuer and the type; then the claims' shape; <see cref="NonceMismatch"/> last. When several fail, one is reported.
/// </summary>
public enum LicenseTokenFailure
{
    /// <summary>
    /// Not a JWS in compact serialization (three base64url parts of JSON; a JWE or JSON serialization is refused), no
    /// <c>kid</c> in its header, or, once its signature verified, claims not in the token's shape (no <c>exp</c>, no
    /// <c>license</c>, a NumericDate that is not whole seconds, <c>nbf</c> after <c>exp</c>, ...).
    /// </summary>
    Malformed,

    /// <summary>
    /// The header's <c>kid</c> names no Ed25519 key (<c>kty: OKP</c>, <c>crv: Ed25519</c>) of the JWKS given: signed by
    /// another business, or by a key newer than your copy of the JWKS (fetch it again), or removed from it.
    /// </summary>
    UnknownKey,

    /// <summary>
    /// The Ed25519 signature (RFC 8032) does not verify under the key the <c>kid</c> names: the token was edited or
    /// forged. Also when the header's <c>alg</c> is not exactly <c>EdDSA</c> (<c>none</c>, <c>HS256</c>, ...: never accepted).
    /// </summary>
    BadSignature,

    /// <summary>
    /// The header's <c>typ</c> is not the one asked for: a validation token (<c>license-validation+jwt</c>) passed as a
    /// license token (<c>license+jwt</c>), or the other way round.
    /// </summary>
    WrongType,

    /// <summary>The <c>iss</c> claim is not the business id you verify for: a genuine token of another business.</summary>
    WrongIssuer,

    /// <summary>The <c>nbf</c> claim is later than now (plus the clock skew allowed): this device's clock is behind.</summary>
    NotYetValid,

    /// <summary>Now (less the clock skew allowed) is at or after the <c>exp</c> claim: check out a new token, or validate again.</summary>
    Expired,

    /// <summary>
    /// A validation token whose <c>nonce</c> is not the one you sent: an answer replayed from another request.
    /// Only <see cref="ValidationToken.Verify"/> gives this reason.
    /// </summary>
    NonceMismatch,
}
