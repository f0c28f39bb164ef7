using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.Testing.Internal;

/// <summary>A test server's license store and event stream: its own in-memory store, failing every step during a storage outage.</summary>
internal sealed class OutageLicenseStore(InMemoryLicenseStore inner, OutageSwitch outage) : ILicenseStore, IWebhookEventStore
{
    public Task SetEventsEnabledAsync(string businessId, DateTimeOffset? since)
    {
        outage.ThrowIfDown();
        return inner.SetEventsEnabledAsync(businessId, since);
    }

    public Task<string> LatestEventPositionAsync(string businessId)
    {
        outage.ThrowIfDown();
        return inner.LatestEventPositionAsync(businessId);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string businessId, string afterPosition, int count)
    {
        outage.ThrowIfDown();
        return inner.ReadEventsAsync(businessId, afterPosition, count);
    }

    public Task<IReadOnlyList<StoredEvent>?> ListEventsAsync(string businessId, string? startingAfter, string? type, int count)
    {
        outage.ThrowIfDown();
        return inner.ListEventsAsync(businessId, startingAfter, type, count);
    }

    public Task<StoredEvent?> GetEventAsync(string businessId, string eventId)
    {
        outage.ThrowIfDown();
        return inner.GetEventAsync(businessId, eventId);
    }

    public Task<bool> IndexExpiriesAsync(string businessId, int count)
    {
        outage.ThrowIfDown();
        return inner.IndexExpiriesAsync(businessId, count);
    }

    public Task<(int Recorded, bool More)> RecordExpiriesAsync(string businessId, DateTimeOffset now, IReadOnlyList<string> eventIds)
    {
        outage.ThrowIfDown();
        return inner.RecordExpiriesAsync(businessId, now, eventIds);
    }

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

    public Task<CreateResult> CreateAsync(string keyDigest, License license, IdempotencyRecording? idempotency = null, EventRecording? recordEvent = null)
    {
        outage.ThrowIfDown();
        return inner.CreateAsync(keyDigest, license, idempotency, recordEvent);
    }

    public Task<ChangeResult> ChangeAsync(string keyDigest, long expectedVersion, LicenseChange change, EventRecording? recordEvent = null, ChangeIdempotency? idempotency = null)
    {
        outage.ThrowIfDown();
        return inner.ChangeAsync(keyDigest, expectedVersion, change, recordEvent, idempotency);
    }

    public Task<IdempotencyReplay?> RecordOutcomeAsync(string businessId, IdempotencyRecording idempotency, Abstractions.Licenses.LicenseChangeOutcome outcome)
    {
        outage.ThrowIfDown();
        return inner.RecordOutcomeAsync(businessId, idempotency, outcome);
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
