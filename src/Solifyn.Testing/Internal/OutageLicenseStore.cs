using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.Testing.Internal;

/// <summary>A test server's license store: its own in-memory store, failing every step during a storage outage.</summary>
internal sealed class OutageLicenseStore(ILicenseStore inner, OutageSwitch outage) : ILicenseStore
{
    public Task<StoredLicense?> GetAsync(string businessId, string keyDigest)
    {
        outage.ThrowIfDown();
        return inner.GetAsync(businessId, keyDigest);
    }

    public Task<string?> FindKeyDigestAsync(string businessId, string licenseId)
    {
        outage.ThrowIfDown();
        return inner.FindKeyDigestAsync(businessId, licenseId);
    }

    public Task<IReadOnlyList<License?>> GetByIdsAsync(string businessId, IReadOnlyList<string> licenseIds)
    {
        outage.ThrowIfDown();
        return inner.GetByIdsAsync(businessId, licenseIds);
    }

    public Task<CreateResult> CreateAsync(string keyDigest, License license, IdempotencyRecording? idempotency = null)
    {
        outage.ThrowIfDown();
        return inner.CreateAsync(keyDigest, license, idempotency);
    }

    public Task<ChangeResult> ChangeAsync(string keyDigest, long expectedVersion, LicenseChange change)
    {
        outage.ThrowIfDown();
        return inner.ChangeAsync(keyDigest, expectedVersion, change);
    }

    public Task<LicenseTally> GetCountersAsync(string businessId)
    {
        outage.ThrowIfDown();
        return inner.GetCountersAsync(businessId);
    }

    public Task<IndexEntry?> FindIndexEntryAsync(string businessId, string licenseId)
    {
        outage.ThrowIfDown();
        return inner.FindIndexEntryAsync(businessId, licenseId);
    }

    public Task<IReadOnlyList<IndexEntry>> PageAsync(string businessId, IndexSet set, IndexEntry? after, int count)
    {
        outage.ThrowIfDown();
        return inner.PageAsync(businessId, set, after, count);
    }
}
