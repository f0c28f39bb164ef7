using System.Collections.Concurrent;
using Solifyn.Abstractions;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Tests;

/// <summary>
/// The silos' license store in these tests: the shared in-memory store, with a storage failure injected on demand into
/// the next change of one key, either before it is written (storage refused it) or after (it landed, the answer was lost).
/// </summary>
public sealed class FaultInjectingLicenseStore(ILicenseStore inner) : ILicenseStore
{
    public static readonly FaultInjectingLicenseStore Shared = new(InMemoryLicenseStore.Shared);

    private readonly ConcurrentDictionary<string, bool> _failNextChange = new();

    /// <summary>The next change of <paramref name="keyDigest"/> throws <see cref="StorageUnavailableException"/>, after writing when <paramref name="afterWriting"/>.</summary>
    public void FailNextChange(string keyDigest, bool afterWriting) => _failNextChange[keyDigest] = afterWriting;

    public async Task<ChangeResult> ChangeAsync(string keyDigest, long expectedVersion, LicenseChange change, EventRecording? recordEvent = null, ChangeIdempotency? idempotency = null)
    {
        if (!_failNextChange.TryRemove(keyDigest, out var afterWriting)) return await inner.ChangeAsync(keyDigest, expectedVersion, change, recordEvent, idempotency);
        if (afterWriting) await inner.ChangeAsync(keyDigest, expectedVersion, change, recordEvent, idempotency);
        throw new StorageUnavailableException("Injected storage failure.");
    }

    public Task<IdempotencyReplay?> RecordOutcomeAsync(string businessId, IdempotencyRecording idempotency, Abstractions.Licenses.LicenseChangeOutcome outcome) =>
        inner.RecordOutcomeAsync(businessId, idempotency, outcome);

    public Task<StoredLicense?> GetAsync(string businessId, string keyDigest) => inner.GetAsync(businessId, keyDigest);

    public Task<string?> FindKeyDigestAsync(string businessId, string licenseId) => inner.FindKeyDigestAsync(businessId, licenseId);

    public Task<IReadOnlyList<License?>> GetByIdsAsync(string businessId, IReadOnlyList<string> licenseIds) => inner.GetByIdsAsync(businessId, licenseIds);

    public Task<CreateResult> CreateAsync(string keyDigest, License license, IdempotencyRecording? idempotency = null, EventRecording? recordEvent = null) => inner.CreateAsync(keyDigest, license, idempotency, recordEvent);

    public Task<LicenseTally> GetCountersAsync(string businessId) => inner.GetCountersAsync(businessId);

    public Task<IndexEntry?> FindIndexEntryAsync(string businessId, string licenseId) => inner.FindIndexEntryAsync(businessId, licenseId);

    public Task<IReadOnlyList<IndexEntry>> PageAsync(string businessId, IndexSet set, IndexEntry? after, int count) =>
        inner.PageAsync(businessId, set, after, count);
}
