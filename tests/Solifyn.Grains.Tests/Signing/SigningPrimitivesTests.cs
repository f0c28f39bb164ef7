using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using Solifyn.Grains.Signing;

namespace Solifyn.Grains.Tests.Signing;

/// <summary>The pure pieces of token signing: sealing, kid, the JWS encoder (against RFC 8037's vectors), the exp rule, the master key setting.</summary>
public class SigningPrimitivesTests
{
    // RFC 8037 appendix A.1: an Ed25519 key pair.
    private const string RfcPrivateKey = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private const string RfcPublicKey = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    private static readonly MasterKeySealer Sealer = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void The_kid_is_the_RFC_7638_thumbprint_of_the_RFC_8037_appendix_A_key()
    {
        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", JwkThumbprint.OfEd25519(Base64Url.DecodeFromChars(RfcPublicKey)));
    }

    [Fact]
    public void The_JWS_encoder_reproduces_the_RFC_8037_A4_signature()
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Base64Url.DecodeFromChars(RfcPrivateKey), KeyBlobFormat.RawPrivateKey);
        Assert.Equal(RfcPublicKey, Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));

        var jws = CompactJws.Sign(key, """{"alg":"EdDSA"}"""u8, "Example of Ed25519 signing"u8);

        Assert.Equal("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg", jws);
    }

    [Fact]
    public void The_header_is_alg_kid_typ_in_that_order()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var header = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(CompactJws.Sign(key, "kid-1", "license+jwt", "{}"u8).Split('.')[0]));
        Assert.Equal("""{"alg":"EdDSA","kid":"kid-1","typ":"license+jwt"}""", header);
    }

    [Fact]
    public void A_sealed_key_opens_for_its_business_and_kid()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var sealedKey = Sealer.Seal("biz_a", "kid-1", secret);
        Assert.Equal(MasterKeySealer.NonceSize + 32 + MasterKeySealer.TagSize, sealedKey.Length);
        Assert.DoesNotContain(Convert.ToHexString(secret), Convert.ToHexString(sealedKey));

        var opened = new byte[32];
        Sealer.Open("biz_a", "kid-1", sealedKey, opened);
        Assert.Equal(secret, opened);
    }

    [Fact]
    public void Sealing_twice_gives_different_ciphertexts()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        Assert.NotEqual(Sealer.Seal("biz_a", "kid-1", secret), Sealer.Seal("biz_a", "kid-1", secret));
    }

    [Fact]
    public void A_tampered_sealed_key_is_refused()
    {
        var sealedKey = Sealer.Seal("biz_a", "kid-1", RandomNumberGenerator.GetBytes(32));
        foreach (var position in new[] { 0, MasterKeySealer.NonceSize, MasterKeySealer.NonceSize + 31, sealedKey.Length - 1 })
        {
            var tampered = (byte[])sealedKey.Clone();
            tampered[position] ^= 0x01;
            Assert.ThrowsAny<CryptographicException>(() => Sealer.Open("biz_a", "kid-1", tampered, new byte[32]));
        }
    }

    [Fact]
    public void A_sealed_key_does_not_open_for_another_business_another_kid_or_another_master_key()
    {
        var sealedKey = Sealer.Seal("biz_a", "kid-1", RandomNumberGenerator.GetBytes(32));
        Assert.ThrowsAny<CryptographicException>(() => Sealer.Open("biz_b", "kid-1", sealedKey, new byte[32]));
        Assert.ThrowsAny<CryptographicException>(() => Sealer.Open("biz_a", "kid-2", sealedKey, new byte[32]));
        Assert.ThrowsAny<CryptographicException>(() => new MasterKeySealer(RandomNumberGenerator.GetBytes(32)).Open("biz_a", "kid-1", sealedKey, new byte[32]));
    }

    [Fact]
    public void An_empty_value_seals_to_nonce_and_tag_opens_empty_and_is_still_authenticated()
    {
        var sealedEmpty = Sealer.Seal(MasterKeySealer.IdempotencyPurpose, "", "biz:biz_a/record", ReadOnlySpan<byte>.Empty);
        Assert.Equal(MasterKeySealer.NonceSize + MasterKeySealer.TagSize, sealedEmpty.Length);
        Assert.Equal(0, MasterKeySealer.PlaintextLength(sealedEmpty.Length));

        Sealer.Open(MasterKeySealer.IdempotencyPurpose, "", "biz:biz_a/record", sealedEmpty, Span<byte>.Empty);
        Assert.ThrowsAny<CryptographicException>(() => Sealer.Open(MasterKeySealer.IdempotencyPurpose, "", "biz:biz_b/record", sealedEmpty, Span<byte>.Empty));
        var tampered = sealedEmpty.ToArray();
        tampered[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => Sealer.Open(MasterKeySealer.IdempotencyPurpose, "", "biz:biz_a/record", tampered, Span<byte>.Empty));
        Assert.ThrowsAny<CryptographicException>(() => Sealer.Open(MasterKeySealer.IdempotencyPurpose, "", "biz:biz_a/record", sealedEmpty[..^1], Span<byte>.Empty));
    }

    [Fact]
    public void Exp_is_iat_plus_the_ttl_but_never_after_the_license_expiry()
    {
        const long iat = 1_764_524_712;
        Assert.Equal(iat + 168 * 3600, LicenseTokens.Expiry(iat, 168, null));
        Assert.Equal(iat + 168 * 3600, LicenseTokens.Expiry(iat, 168, DateTimeOffset.FromUnixTimeSeconds(iat + 168 * 3600 + 1)));
        // A license ending in 2 h 30.9 s: exp is its expiresAt floored to the second, never after it.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(iat + 7230).AddMilliseconds(900);
        Assert.Equal(iat + 7230, LicenseTokens.Expiry(iat, 168, expiresAt));
        Assert.True(DateTimeOffset.FromUnixTimeSeconds(LicenseTokens.Expiry(iat, 8760, expiresAt)) <= expiresAt);
    }

    [Theory]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", null)]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==", "exactly 32 bytes, not 31")]
    [InlineData("not base64!", "is not base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BB", "is not base64")]
    public void A_master_key_must_be_base64_of_32_bytes_and_the_message_names_the_setting(string value, string? problem)
    {
        var message = SigningOptions.Problem(value);
        if (problem is null)
        {
            Assert.Null(message);
            return;
        }
        Assert.Contains(problem, message);
        Assert.StartsWith("Solifyn:Signing:MasterKey", message);
        Assert.DoesNotContain(value, message);
    }

    [Fact]
    public void A_master_key_is_required_with_redis_and_optional_without()
    {
        Assert.True(new SigningOptionsValidator(required: false).Validate(null, new SigningOptions()).Succeeded);
        var failure = new SigningOptionsValidator(required: true).Validate(null, new SigningOptions());
        Assert.True(failure.Failed);
        Assert.Contains("Solifyn:Signing:MasterKey", failure.FailureMessage);
        Assert.True(new SigningOptionsValidator(required: true).Validate(null, new SigningOptions { MasterKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" }).Succeeded);
    }
}
