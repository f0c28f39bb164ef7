using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Solifyn.Grains.Signing;

/// <summary>
/// The kid of an Ed25519 key: its RFC 7638 JWK thumbprint, base64url(SHA-256 of <c>{"crv":"Ed25519","kty":"OKP","x":"…"}</c>),
/// the required members in lexicographic order with no whitespace (43 characters).
/// </summary>
public static class JwkThumbprint
{
    public static string OfEd25519(ReadOnlySpan<byte> publicKey) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"{Base64Url.EncodeToString(publicKey)}\"}}")));
}
