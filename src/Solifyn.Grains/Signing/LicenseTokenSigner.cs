using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NSec.Cryptography;
using Solifyn.Abstractions.Signing;

namespace Solifyn.Grains.Signing;

/// <summary>
/// Signs tokens in the silo that serves the request (a singleton per silo), so that no single grain is on the path of
/// every checkout of a business: it keeps each business's CURRENT key, opened, for <see cref="CacheTtl"/>, and asks the
/// business's <see cref="ISigningKeyGrain"/> again after that (one call per business per silo per minute). A rotation
/// drops the entry on the silo where the signing-key grain runs at once; other silos move to the new key within the
/// TTL, signing with the former key meanwhile, which stays published as PREVIOUS, so their tokens verify all the same.
/// </summary>
public sealed class LicenseTokenSigner(IGrainFactory grains, MasterKeySealer sealer)
{
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> _keys = new(StringComparer.Ordinal);

    /// <summary>Signs <paramref name="claims"/> with the business's CURRENT key; null when the business does not exist.</summary>
    public async Task<string?> SignAsync<T>(string businessId, string type, T claims, JsonTypeInfo<T> typeInfo)
    {
        var key = await GetKeyAsync(businessId);
        return key is null ? null : CompactJws.Sign(key.Key, key.Kid, type, JsonSerializer.SerializeToUtf8Bytes(claims, typeInfo));
    }

    /// <summary>Forgets the business's key on this silo (after a rotation or removal), so the next token reads the new one.</summary>
    public void Invalidate(string businessId) => _keys.TryRemove(businessId, out _);

    private async Task<OpenedKey?> GetKeyAsync(string businessId)
    {
        while (true)
        {
            var entry = _keys.GetOrAdd(businessId, static (id, self) => new Entry(() => self.OpenAsync(id), Environment.TickCount64 + (long)CacheTtl.TotalMilliseconds), this);
            if (Environment.TickCount64 > entry.ExpiresAt)
            {
                _keys.TryRemove(KeyValuePair.Create(businessId, entry));
                continue;
            }
            OpenedKey? key;
            try
            {
                key = await entry.Key.Value;
            }
            catch
            {
                _keys.TryRemove(KeyValuePair.Create(businessId, entry)); // not cached: the next call asks again
                throw;
            }
            if (key is null) _keys.TryRemove(KeyValuePair.Create(businessId, entry)); // no such business (yet): not cached
            return key;
        }
    }

    private async Task<OpenedKey?> OpenAsync(string businessId)
    {
        var sealedKey = await grains.GetGrain<ISigningKeyGrain>(businessId).GetCurrent();
        if (sealedKey is null) return null;
        var seed = new byte[sealedKey.SealedPrivateKey.Length - MasterKeySealer.NonceSize - MasterKeySealer.TagSize];
        try
        {
            try
            {
                sealer.Open(businessId, sealedKey.Kid, sealedKey.SealedPrivateKey, seed);
            }
            catch (CryptographicException exception)
            {
                throw new InvalidOperationException(
                    $"The signing key {sealedKey.Kid} of business {businessId} does not open with {SigningOptions.MasterKeySetting}: " +
                    "the master key is not the one the key was sealed with (changed or lost). Restore it, or rotate the business's key.", exception);
            }
            return new OpenedKey(sealedKey.Kid, Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private sealed record OpenedKey(string Kid, Key Key);

    /// <summary>One business's key being opened or opened; the Lazy makes racing callers share one grain call.</summary>
    private sealed class Entry(Func<Task<OpenedKey?>> open, long expiresAt)
    {
        public Lazy<Task<OpenedKey?>> Key { get; } = new(open);

        public long ExpiresAt { get; } = expiresAt;
    }
}
