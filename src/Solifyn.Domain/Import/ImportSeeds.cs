using System.Text;

namespace Solifyn.Domain.Import;

/// <summary>The ids one import row issues with: the same import secret and row, the same license id and key.</summary>
public readonly record struct ImportRowSeed(string LicenseId, string LicenseKey, string InstanceId);

/// <summary>
/// A bulk import is resumable and idempotent because every row's license id and generated key derive from a random
/// 256-bit import secret (kept in the import's state file) and the row number: a re-run of a row, after a crash or a
/// timeout, lands on the license the first run made instead of issuing another. The secret keeps generated keys
/// unguessable: they are HMAC outputs, never a function of the CSV alone.
/// </summary>
public static class ImportSeeds
{
    public const int SecretBytes = 32;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static ImportRowSeed For(ReadOnlySpan<byte> secret, long row)
    {
        if (secret.Length < SecretBytes) throw new ArgumentException($"An import secret has {SecretBytes} bytes.", nameof(secret));
        return new ImportRowSeed(
            Identifiers.PrefixedId.FromSeed(Identifiers.PrefixedId.License, Derive(secret, row, "license-id")),
            Licensing.LicenseKeyGenerator.FromSeed(Derive(secret, row, "license-key")),
            Identifiers.PrefixedId.FromSeed(Identifiers.PrefixedId.LicenseInstance, Derive(secret, row, "instance-id")));
    }

    private static byte[] Derive(ReadOnlySpan<byte> secret, long row, string purpose) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"solifyn-import/{purpose}/{row}"));
}
