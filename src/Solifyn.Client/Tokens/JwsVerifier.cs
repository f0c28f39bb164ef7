using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Solifyn.Client.Tokens;

/// <summary>
/// Verifies a compact JWS signed with Ed25519 against a JWKS, with Microsoft.IdentityModel.JsonWebTokens doing the
/// parsing and the RFC 7519 checks (<c>typ</c>, <c>iss</c>, <c>nbf</c>, <c>exp</c>) and <see cref="Ed25519CryptoProvider"/>
/// (NSec) the signature, and maps IdentityModel's exceptions to <see cref="LicenseTokenFailure"/>.
/// </summary>
internal static class JwsVerifier
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    // A factory of our own, not CryptoProviderFactory.Default: plugging EdDSA into the process-wide default would change
    // how the application's other IdentityModel code (e.g. its JWT bearer authentication) treats tokens.
    private static readonly CryptoProviderFactory Crypto = new()
    {
        CustomCryptoProvider = new Ed25519CryptoProvider(),
        CacheSignatureProviders = false,
    };

    /// <summary>
    /// Verifies <paramref name="token"/> and returns its payload read as <typeparamref name="T"/>, with the time it was
    /// checked at; throws <see cref="LicenseTokenException"/> for a token that is not to be trusted.
    /// </summary>
    public static (T Payload, DateTimeOffset Now) Verify<T>(string token, string jwksJson, string type, string businessId,
        DateTimeOffset? now, TimeSpan clockSkew, JsonTypeInfo<T> payloadType)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(businessId);
        ArgumentOutOfRangeException.ThrowIfLessThan(clockSkew, TimeSpan.Zero);
        var keys = ReadKeys(jwksJson);
        var at = now ?? TimeProvider.System.GetUtcNow();

        // The header first, by hand, so each refusal has its precise reason: a JWS in compact serialization is exactly
        // three parts (five would be a JWE, which IdentityModel would try to decrypt).
        if (token.Count(c => c == '.') != 2) throw Refused(LicenseTokenFailure.Malformed, "The token is not a JWS in compact serialization (header.payload.signature).");
        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            throw Refused(LicenseTokenFailure.Malformed, "The token's header or payload is not base64url-encoded JSON.", exception);
        }
        if (!string.Equals(jwt.Alg, Ed25519CryptoProvider.Algorithm, StringComparison.Ordinal))
        {
            throw Refused(LicenseTokenFailure.BadSignature, $"The token's alg is '{jwt.Alg}'; only EdDSA (Ed25519) is accepted.");
        }
        if (string.IsNullOrEmpty(jwt.Kid)) throw Refused(LicenseTokenFailure.Malformed, "The token's header has no kid.");
        if (!keys.Any(k => string.Equals(k.KeyId, jwt.Kid, StringComparison.Ordinal)))
        {
            throw Refused(LicenseTokenFailure.UnknownKey,
                $"No Ed25519 key with kid '{jwt.Kid}' in the JWKS: another business's token, or a key newer than this copy of the JWKS.");
        }

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = false,   // the kid must name the key; never "whichever key happens to verify"
            ValidAlgorithms = [Ed25519CryptoProvider.Algorithm],
            CryptoProviderFactory = Crypto,
            RequireSignedTokens = true,
            ValidTypes = [type],
            ValidIssuer = businessId,
            ValidateAudience = false,          // these tokens have no aud: the issuer is the business they are for
            ValidateLifetime = true,
            RequireExpirationTime = true,
            // IdentityModel reads the system clock and accepts a token at its exp second; its TimeProvider is not public.
            // This validator takes the caller's time, refuses "on or after" exp (RFC 7519 4.1.4), and throws
            // IdentityModel's own exception types, so the reasons map as for the rest.
            LifetimeValidator = (notBefore, expires, _, _) => CheckLifetime(notBefore, expires, at, clockSkew),
        };
        // With the keys given (no ConfigurationManager to fetch metadata) validation does no I/O and completes
        // synchronously; the synchronous ValidateToken is obsolete, hence the wait on a completed task.
        var result = Handler.ValidateTokenAsync(jwt, parameters).GetAwaiter().GetResult();
        if (!result.IsValid) throw Refused(ReasonOf(result.Exception), MessageOf(result.Exception), result.Exception);

        T? payload;
        try
        {
            payload = JsonSerializer.Deserialize(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload), payloadType);
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            throw Refused(LicenseTokenFailure.Malformed, "The token is signed but its claims are not in the expected shape: " + exception.Message, exception);
        }
        return (payload ?? throw Refused(LicenseTokenFailure.Malformed, "The token's payload is JSON null."), at);
    }

    /// <summary>The JWKS's Ed25519 keys that have a kid; other keys (RSA, EC, keys without kid) are ignored, never tried.</summary>
    private static List<JsonWebKey> ReadKeys(string jwksJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jwksJson);
        JsonWebKeySet set;
        try
        {
            // IdentityModel resolves only RSA and EC keys to SecurityKeys; SkipUnresolvedJsonWebKeys = false keeps the
            // OKP ones in GetSigningKeys() too, as the JsonWebKey objects the Ed25519 provider takes.
            set = new JsonWebKeySet(jwksJson) { SkipUnresolvedJsonWebKeys = false };
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException("The JWKS is not a JSON Web Key Set ({\"keys\":[...]}): pass the business's jwks.json as it was served.",
                nameof(jwksJson), exception);
        }
        return [.. set.GetSigningKeys().OfType<JsonWebKey>()
            .Where(k => !string.IsNullOrEmpty(k.KeyId) && Ed25519CryptoProvider.IsEd25519(k)
                        && (string.IsNullOrEmpty(k.Use) || k.Use == "sig")
                        && (string.IsNullOrEmpty(k.Alg) || k.Alg == Ed25519CryptoProvider.Algorithm))];
    }

    private static LicenseTokenFailure ReasonOf(Exception? exception) => exception switch
    {
        // Key-not-found derives from invalid-signature: test it first.
        SecurityTokenSignatureKeyNotFoundException => LicenseTokenFailure.UnknownKey,
        SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException => LicenseTokenFailure.BadSignature,
        SecurityTokenInvalidTypeException => LicenseTokenFailure.WrongType,
        SecurityTokenInvalidIssuerException => LicenseTokenFailure.WrongIssuer,
        SecurityTokenNotYetValidException => LicenseTokenFailure.NotYetValid,
        SecurityTokenExpiredException => LicenseTokenFailure.Expired,
        _ => LicenseTokenFailure.Malformed,   // no exp, nbf after exp, unreadable claims, ...
    };

    private static string MessageOf(Exception? exception) => exception switch
    {
        SecurityTokenSignatureKeyNotFoundException => "No key of the JWKS matches the token's kid.",
        SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException => "The token's Ed25519 signature does not verify: it was edited or forged.",
        SecurityTokenInvalidTypeException => "The token's typ is not the one asked for (a license token is license+jwt, a validation answer license-validation+jwt).",
        SecurityTokenInvalidIssuerException => "The token's iss is not this business.",
        SecurityTokenNotYetValidException e => $"The token is not valid before {e.NotBefore:u} (this clock may be behind).",
        SecurityTokenExpiredException e => $"The token expired at {e.Expires:u}.",
        null => "The token was refused.",
        _ => "The token is not in the expected shape: " + exception.Message,
    };

    public static LicenseTokenException Refused(LicenseTokenFailure reason, string message, Exception? inner = null) => new(reason, message, inner);

    public static DateTimeOffset Seconds(long? value, string claim) =>
        value is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw Refused(LicenseTokenFailure.Malformed, $"The token has no {claim} claim.");

    /// <summary>nbf ≤ now + skew and now - skew &lt; exp (RFC 7519 4.1.4, 4.1.5); exp is required.</summary>
    private static bool CheckLifetime(DateTime? notBefore, DateTime? expires, DateTimeOffset now, TimeSpan clockSkew)
    {
        if (expires is not { } exp) throw new SecurityTokenNoExpirationException("The token has no exp claim.");
        if (notBefore is { } nbf && nbf > exp) throw new SecurityTokenInvalidLifetimeException("The token's nbf is after its exp.") { NotBefore = nbf, Expires = exp };
        if (notBefore is { } early && early > (now + clockSkew).UtcDateTime)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = early };
        }
        if ((now - clockSkew).UtcDateTime >= exp) throw new SecurityTokenExpiredException("The token has expired.") { Expires = exp };
        return true;
    }
}
