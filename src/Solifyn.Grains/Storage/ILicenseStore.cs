using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Indexing;

namespace Solifyn.Grains.Storage;

/// <summary>
/// Where licenses live: one record per license key of a business, with its instances, the business's id → key
/// binding, its counters and its listing index, all changed together. Every change that touches more than one record
/// is one atomic step (in Redis, one Lua script over keys that share the business's hash tag, so a business lives in
/// one slot of a Redis Cluster). Counters are therefore exact by construction: a change and its counter delta are
/// written together or not at all.
/// <para>
/// Every step is safe to run again with the same ids (a client timeout does not say whether it ran): a create whose
/// license already exists with the same id answers <see cref="CreateStatus.AlreadyCreated"/>; a change is a
/// compare-and-set on the record's version, so a re-run finds the version moved and the caller decides again from
/// what is stored. A step checks everything before it writes anything.
/// </para>
/// Timestamps are kept to the millisecond, as the service makes them (<see cref="Domain.Time.Timestamps"/>).
/// Implementations: Redis (<c>RedisLicenseStore</c>) and memory (<see cref="InMemoryLicenseStore"/>, embedded mode and
/// grain tests), held to the same contract by one test suite.
/// </summary>
public interface ILicenseStore
{
    /// <summary>The license holding <paramref name="keyDigest"/> in <paramref name="businessId"/>, with its instances and version; null if vacant.</summary>
    Task<StoredLicense?> GetAsync(string businessId, string keyDigest);

    /// <summary>The key digest of the license <paramref name="licenseId"/> of <paramref name="businessId"/>; null if the business has no such license.</summary>
    Task<string?> FindKeyDigestAsync(string businessId, string licenseId);

    /// <summary>The licenses with these ids, in order; null where the business has none with that id.</summary>
    Task<IReadOnlyList<License?>> GetByIdsAsync(string businessId, IReadOnlyList<string> licenseIds);

    /// <summary>
    /// Inserts <paramref name="license"/> under <paramref name="keyDigest"/> if that key is vacant in its business, and in
    /// the same step binds its id, adds its contribution to the counters and indexes it.
    /// <para>
    /// With <paramref name="idempotency"/>, the same step first looks up the business's record of that idempotency key:
    /// a record of the same request answers <see cref="CreateResult.Replayed"/> with the outcome it holds and writes
    /// nothing; a record of another request answers <see cref="CreateStatus.IdempotencyKeyReused"/>. Without a record,
    /// the outcome (Created, or KeyExists when <see cref="IdempotencyRecording.RecordKeyExists"/>) is recorded with the
    /// change, kept for <see cref="IdempotencyRecording.Retention"/>.
    /// </para>
    /// <para>
    /// With <paramref name="recordEvent"/>, the same step appends that event (license.created, with the license as
    /// stored) to the business's event stream when the business records events (it has a webhook endpoint:
    /// <see cref="IWebhookEventStore.SetEventsEnabledAsync"/>), and says so in <see cref="CreateResult.EventRecorded"/>.
    /// Only a Created outcome that writes now records it: AlreadyCreated, KeyExists and replays write nothing.
    /// A license with an expiresAt is entered in the business's expiry index in the same step, events or not.
    /// </para>
    /// </summary>
    Task<CreateResult> CreateAsync(string keyDigest, License license, IdempotencyRecording? idempotency = null, EventRecording? recordEvent = null);

    /// <summary>
    /// Replaces the license under <paramref name="keyDigest"/> if its version is still <paramref name="expectedVersion"/>,
    /// and in the same step adds or removes one instance, moves the counters by the change of its contribution and
    /// moves it between index sets, and moves its entry of the expiry index when expiresAt changed. With
    /// <paramref name="recordEvent"/>, the same step appends that event (with the license after the change) when the
    /// business records events; a change that is not applied (the version moved, e.g. a re-run) records nothing.
    /// <para>
    /// With <paramref name="idempotency"/>, the same step first looks up the business's record of that idempotency key
    /// (before the version check): a record of the same request answers <see cref="ChangeResult.Replay"/> with the
    /// outcome it holds, a record of another request answers a reused <see cref="ChangeResult.Replay"/>, and either way
    /// nothing is written. Without a record, the change is applied (if the version still matches) and its answer (the
    /// license after and <see cref="ChangeIdempotency.Instance"/>) is recorded in the same step, kept for
    /// <see cref="IdempotencyRecording.Retention"/>; a change not applied records nothing.
    /// </para>
    /// </summary>
    Task<ChangeResult> ChangeAsync(string keyDigest, long expectedVersion, LicenseChange change, EventRecording? recordEvent = null, ChangeIdempotency? idempotency = null);

    /// <summary>
    /// Records the answer of an idempotent request that wrote nothing (a refusal, an answer from what is stored, a license
    /// not found), in one atomic step over the record alone (in Redis, one key in the business's slot): if the business
    /// already has a record of that idempotency key, nothing is written and that record is returned (a replay of the
    /// same request, or reused by another); otherwise <paramref name="outcome"/> is recorded and null returned.
    /// </summary>
    Task<IdempotencyReplay?> RecordOutcomeAsync(string businessId, IdempotencyRecording idempotency, LicenseChangeOutcome outcome);

    /// <summary>The business's counters: the sum of its licenses' contributions (<see cref="LicenseTally.For"/>).</summary>
    Task<LicenseTally> GetCountersAsync(string businessId);

    /// <summary>The index entry of a license (for a listing cursor); null if the business has no such license.</summary>
    Task<IndexEntry?> FindIndexEntryAsync(string businessId, string licenseId);

    /// <summary>Up to <paramref name="count"/> entries of a set, newest first, strictly after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<IndexEntry>> PageAsync(string businessId, IndexSet set, IndexEntry? after, int count);
}

/// <summary>A stored license, its active instances and the version a change must name.</summary>
public sealed record StoredLicense(License License, IReadOnlyList<LicenseInstance> Instances, long Version);

public enum CreateStatus
{
    /// <summary>Written now.</summary>
    Created,

    /// <summary>The key already holds a license with this id: a re-run of a create that landed. Nothing written.</summary>
    AlreadyCreated,

    /// <summary>The key holds another license of this business (keys match ignoring ASCII case). Nothing written.</summary>
    KeyExists,

    /// <summary>The idempotency key is recorded for another request of this business. Nothing written.</summary>
    IdempotencyKeyReused,
}

/// <summary>
/// What a create did; <see cref="License"/> is the stored license for Created and AlreadyCreated. <see cref="Replayed"/>:
/// the outcome (Created with the license as first created, or KeyExists) was read from the idempotency record of an
/// earlier run of the same request, and nothing was written now.
/// <see cref="EventRecorded"/>: this step appended its event (the business records events). <see cref="TraceId"/>: for
/// a replayed KeyExists, the trace id its first answer carried (<see cref="IdempotencyRecording.TraceId"/>).
/// </summary>
public sealed record CreateResult(CreateStatus Status, License? License, bool Replayed = false, bool EventRecorded = false, string? TraceId = null);

/// <summary>
/// The idempotency key of a create or a change, recorded in that change's own step (<see cref="ILicenseStore.CreateAsync"/>,
/// <see cref="ILicenseStore.ChangeAsync"/>), or alone when the request wrote nothing (<see cref="ILicenseStore.RecordOutcomeAsync"/>).
/// </summary>
/// <param name="RecordId">The record's name within the business: lower-case hex SHA-256 of the Idempotency-Key header;
/// on the customer routes, whose keys are scoped to the license key, <c>{key digest}/{that hash}</c>.</param>
/// <param name="RequestHash">SHA-256 of the request (method, path, body): the same key with another hash is a reuse.</param>
/// <param name="Now">The time of the request, from the service's clock: a record lapses <paramref name="Retention"/> after it.</param>
/// <param name="Retention">How long the record is kept (it expires by itself).</param>
/// <param name="RecordKeyExists">Whether a KeyExists outcome is final and recorded (a caller-chosen key), or will be
/// retried with another generated key (not recorded). Creates only.</param>
/// <param name="TraceId">The request's trace id, recorded with an error answer (<see cref="ILicenseStore.RecordOutcomeAsync"/>,
/// and a create's KeyExists) and given back with its replay (<see cref="LicenseChangeOutcome.TraceId"/>), so the replayed problem is the same body.</param>
public sealed record IdempotencyRecording(string RecordId, byte[] RequestHash, DateTimeOffset Now, TimeSpan Retention, bool RecordKeyExists = false,
    string? TraceId = null);

/// <summary>
/// The idempotency key of a change (<see cref="ILicenseStore.ChangeAsync"/>): recorded with the change's answer, the
/// license after it and <paramref name="Instance"/> (the instance activated or deactivated; null for an update).
/// </summary>
public sealed record ChangeIdempotency(IdempotencyRecording Key, LicenseInstance? Instance);

/// <summary>
/// What the business's record of an idempotency key said instead of a step running: <see cref="Reused"/> when it is
/// the record of another request (<see cref="Outcome"/> null), else the outcome first answered to this request
/// (<see cref="LicenseChangeOutcome.Replayed"/> set). A record written by a create (another route, so another request
/// hash) is always Reused here.
/// </summary>
public sealed record IdempotencyReplay(bool Reused, LicenseChangeOutcome? Outcome);

/// <summary>
/// A change of one license: the license before and after (their contributions give the counter delta, their status and
/// archived flag the index moves), and at most one instance added or removed.
/// </summary>
public sealed record LicenseChange(License Before, License After, LicenseInstance? AddedInstance = null, string? RemovedInstanceId = null)
{
    /// <summary>How the business's counters move.</summary>
    public LicenseTally Delta => After.Tally - Before.Tally;
}

/// <summary>
/// What a change did: <see cref="Applied"/>, or not (the version moved) with the version now stored;
/// <see cref="EventRecorded"/>: it appended its event. <see cref="Replay"/>: not applied because the idempotency key
/// already had a record (<see cref="Version"/> is then 0: not read).
/// </summary>
public sealed record ChangeResult(bool Applied, long Version, bool EventRecorded = false, IdempotencyReplay? Replay = null);

/// <summary>
/// An event to append in a change's own storage step, if the business records events. The id is made by the caller
/// (<c>evt_</c> + base62), so a step's inputs are fixed before it runs; the license in the event is the one the step
/// stores; <paramref name="Instance"/> is the instance added or removed (activated, deactivated).
/// </summary>
/// <param name="CreatedAt">The service's clock at the change (milliseconds).</param>
public sealed record EventRecording(string EventId, string Type, DateTimeOffset CreatedAt, LicenseInstance? Instance = null);
