using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Solifyn.Client.Tests.Tokens;

/// <summary>
/// Signs tokens the way the service does (issue 15's wire contract), with NSec directly: an Ed25519 key, its JWK with
/// the RFC 7638 thumbprint as kid, and compact JWS built by hand, so the verifier is checked against the bytes of the
/// contract rather than against another JWT library's habits. Tests can also build what the service never would.
/// </summary>
internal sealed class TokenSigner
{
    public const string BusinessId = "biz_tokens";

    /// <summary>The key of RFC 8037 appendix A.1 (its x and thumbprint are in the RFC).</summary>
    public static readonly TokenSigner Rfc8037 = new(Key.Import(SignatureAlgorithm.Ed25519,
        Base64Url.DecodeFromChars("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"), KeyBlobFormat.RawPrivateKey));

    private readonly Key _key;

    private TokenSigner(Key key)
    {
        _key = key;
        X = Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        Kid = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"crv":"Ed25519","kty":"OKP","x":"{{X}}"}""")));
    }

    public static TokenSigner New() => new(Key.Create(SignatureAlgorithm.Ed25519));

    public string X { get; }

    public string Kid { get; }

    public string Jwk => $$"""{"kty":"OKP","crv":"Ed25519","x":"{{X}}","kid":"{{Kid}}","use":"sig","alg":"EdDSA"}""";

    public static string Jwks(params TokenSigner[] signers) => $$"""{"keys":[{{string.Join(",", signers.Select(s => s.Jwk))}}]}""";

    public static readonly DateTimeOffset IssuedAt = DateTimeOffset.FromUnixTimeSeconds(1764524712); // 2025-11-30T17:45:12Z

    public static long Iat => IssuedAt.ToUnixTimeSeconds();

    public static JsonObject LicenseClaims(bool withInstance = true) => new()
    {
        ["iss"] = BusinessId,
        ["sub"] = "lic_1",
        ["jti"] = "ltk_1",
        ["iat"] = Iat,
        ["nbf"] = Iat,
        ["exp"] = Iat + 168 * 3600,
        ["license"] = new JsonObject
        {
            ["id"] = "lic_1", ["status"] = "ACTIVE", ["productId"] = "prod_1", ["customerId"] = "cus_1",
            ["activationLimit"] = 3, ["expiresAt"] = "2027-01-01T00:00:00.000Z", ["filters"] = new JsonObject { ["tier"] = "pro" },
        },
        ["instance"] = withInstance ? new JsonObject { ["id"] = "lki_1", ["fingerprint"] = "abc" } : null,
    };

    public static JsonObject ValidationClaims(string nonce = "n-0123456789") => new()
    {
        ["iss"] = BusinessId, ["valid"] = true, ["code"] = "VALID", ["licenseId"] = "lic_1", ["instanceId"] = "lki_1",
        ["nonce"] = nonce, ["iat"] = Iat, ["exp"] = Iat + 300,
    };

    public JsonObject Header(string typ = LicenseToken.Type) => new() { ["alg"] = "EdDSA", ["kid"] = Kid, ["typ"] = typ };

    public string License(JsonObject? claims = null) => Sign(Header(), claims ?? LicenseClaims());

    public string Validation(JsonObject? claims = null) => Sign(Header(ValidationToken.Type), claims ?? ValidationClaims());

    /// <summary>A compact JWS: base64url(header).base64url(payload).base64url(Ed25519 signature over the first two).</summary>
    public string Sign(JsonObject header, JsonObject claims)
    {
        if (claims.TryGetPropertyValue("instance", out var instance) && instance is null) claims.Remove("instance");
        var input = Encode(header.ToJsonString(Compact)) + "." + Encode(claims.ToJsonString(Compact));
        return input + "." + Base64Url.EncodeToString(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>JSON as JavaScript's JSON.stringify writes it (the default encoder would write "license+jwt" as "license\u002Bjwt").</summary>
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string Decode(string part) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(part));
}
