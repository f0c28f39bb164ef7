using System.Diagnostics;
using NSec.Cryptography;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Signing;

namespace Solifyn.Bench;

/// <summary>
/// What signing one license token costs by itself, in this process: claims of a license with filters and an
/// instance serialized, signed with Ed25519 and encoded, as <see cref="LicenseTokenSigner"/> does with a cached key.
/// </summary>
public static class SigningCost
{
    public static double MicrosecondsPerToken(int tokens = 20_000)
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var now = DateTimeOffset.UtcNow;
        var license = new License("lic_hyQQhhNzfEuvv", "A184-99C2-8CBE", LicenseStatus.Active, "biz_bench", "prod_bench", null, "cust_bench", 5,
            null, 1, 720, now.AddDays(30), """{"edition":"pro","region":"eu"}""", false, now, now);
        var instance = new LicenseInstance("lki_8Hq2ZpR4sT6vW9xY", "Laptop", "c2f7e1d4-9b3a-4e6f", now);
        string Sign(int i) => CompactJws.Sign(key, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", LicenseTokens.LicenseType,
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(LicenseTokens.LicenseClaims(license, instance, "ltk_" + i, now.ToUnixTimeSeconds(), 168),
                TokenJson.Tokens.LicenseTokenClaims));
        for (var i = 0; i < 1_000; i++) Sign(i); // warm-up
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < tokens; i++) Sign(i);
        return watch.Elapsed.TotalMicroseconds / tokens;
    }
}
