using System.ComponentModel;
using System.Text.Json.Serialization;
using Solifyn.Abstractions.Signing;
using Solifyn.Domain.Resources;

namespace Solifyn.Gateway.Contracts;

public sealed record CheckoutResource(
    [property: Description("The license token: a compact JWS (alg EdDSA, typ license+jwt) signed with the business's current key. " +
                           "Verify it offline against GET /v1/businesses/{businessId}/jwks.json.")] string Token,
    [property: Description("When the token expires (its exp claim): the requested hours from now, or the license's expiresAt if earlier.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset ExpiresAt);

[Description("A JSON Web Key Set (RFC 7517) of the business's Ed25519 public keys.")]
public sealed record JwksResource(
    [property: Description("The current key first, then previous keys still listed, newest first.")] IReadOnlyList<JwkResource> Keys);

[Description("An Ed25519 public key as a JWK (RFC 8037). Never holds private material.")]
public sealed record JwkResource(
    [property: Description("Always OKP.")] string Kty,
    [property: Description("Always Ed25519.")] string Crv,
    [property: Description("The public key, base64url (32 bytes).")] string X,
    [property: Description("The key id: its RFC 7638 JWK thumbprint, as in the tokens' kid header.")] string Kid,
    [property: Description("Always sig.")] string Use,
    [property: Description("Always EdDSA.")] string Alg)
{
    public static JwkResource From(PublicSigningKey key) =>
        new("OKP", "Ed25519", System.Buffers.Text.Base64Url.EncodeToString(key.PublicKey), key.Kid, "sig", "EdDSA");
}

[Description("A signing key of the business (its public part is in the JWKS).")]
public sealed record SigningKeyResource(
    [property: Description("The key id (RFC 7638 JWK thumbprint).")] string Kid,
    [property: Description("CURRENT signs new tokens; PREVIOUS stays published so the tokens it signed keep verifying.")] SigningKeyStatus Status,
    [property: Description("When the key was made.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset CreatedAt,
    [property: Description("When the key stopped being CURRENT; null for the CURRENT key.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset? RetiredAt,
    [property: Description("Until when a PREVIOUS key is published (retiredAt + 90 days); null for the CURRENT key.")]
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset? ListedUntil)
{
    public static SigningKeyResource From(SigningKeyInfo key) => new(key.Kid, key.Status, key.CreatedAt, key.RetiredAt, key.ListedUntil);
}

public sealed record SigningKeyListResource(
    [property: Description("The listed keys, newest first.")] IReadOnlyList<SigningKeyResource> Data)
{
    public static SigningKeyListResource From(IEnumerable<SigningKeyInfo> keys) => new(keys.Select(SigningKeyResource.From).ToList());
}
