using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace Solifyn.Grains.Signing;

/// <summary>
/// JWS compact serialization (RFC 7515 §7.1) signed with Ed25519 (<c>alg: EdDSA</c>, RFC 8037):
/// <c>base64url(header) . base64url(payload) . base64url(signature)</c>. Only encoding: we sign our own data, whose
/// JSON comes from source-generated serializers. Verifying untrusted tokens is the SDKs' job, with JOSE libraries.
/// </summary>
public static class CompactJws
{
    public const int SignatureSize = 64;

    /// <summary>Signs <paramref name="payloadJson"/> with header <c>{"alg":"EdDSA","kid":…,"typ":…}</c>.</summary>
    public static string Sign(Key key, string kid, string typ, ReadOnlySpan<byte> payloadJson) =>
        Sign(key, JsonSerializer.SerializeToUtf8Bytes(new JwsHeader("EdDSA", kid, typ), TokenJson.Tokens.JwsHeader), payloadJson);

    /// <summary>Signs with the exact header bytes given (the RFC 8037 A.4 test vector has a header of its own).</summary>
    public static string Sign(Key key, ReadOnlySpan<byte> headerJson, ReadOnlySpan<byte> payloadJson)
    {
        var headerLength = Base64Url.GetEncodedLength(headerJson.Length);
        var payloadLength = Base64Url.GetEncodedLength(payloadJson.Length);
        var signingInputLength = headerLength + 1 + payloadLength;
        var buffer = new byte[signingInputLength + 1 + Base64Url.GetEncodedLength(SignatureSize)];
        Base64Url.EncodeToUtf8(headerJson, buffer);
        buffer[headerLength] = (byte)'.';
        Base64Url.EncodeToUtf8(payloadJson, buffer.AsSpan(headerLength + 1));
        Span<byte> signature = stackalloc byte[SignatureSize];
        SignatureAlgorithm.Ed25519.Sign(key, buffer.AsSpan(0, signingInputLength), signature);
        buffer[signingInputLength] = (byte)'.';
        Base64Url.EncodeToUtf8(signature, buffer.AsSpan(signingInputLength + 1));
        return Encoding.ASCII.GetString(buffer);
    }
}
