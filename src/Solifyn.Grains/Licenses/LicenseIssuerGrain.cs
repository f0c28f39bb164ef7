using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Solifyn.Abstractions.Idempotency;
using Solifyn.Abstractions.Licenses;
using Solifyn.Abstractions.Webhooks;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Time;
using Solifyn.Domain.Webhooks;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Licenses;

/// <summary>
/// Issues a license: picks its id (and key, unless the caller chose one) and inserts it into storage in one atomic
/// step with its id binding, counters and index entries (<see cref="ILicenseStore.CreateAsync"/>); regenerates a
/// generated key that collides. No license grain is activated: the license grain reads the license when it is first
/// used. A stateless worker, so issuing runs on the silo that receives the call and spreads with the cluster; reentrant,
/// because it keeps no state (a non-reentrant stateless worker runs one call per core at a time).
/// </summary>
[StatelessWorker, Reentrant]
public sealed class LicenseIssuerGrain(
    ILicenseStore store,
    TimeProvider clock,
    IOptions<SolifynGrainOptions> options,
    Telemetry.SolifynMetrics metrics,
    Webhooks.WebhookWakeups wakeups,
    ILogger<LicenseIssuerGrain> logger) : Grain, ILicenseIssuerGrain
{
    public Task<CreateLicenseOutcome> Issue(string businessId, CreateLicenseRequest request, IdempotencySeed? seed) =>
        IssueAsync(businessId, request, seed, null);

    public Task<CreateLicenseOutcome> IssueIdempotent(string businessId, CreateLicenseRequest request, IdempotentCreate idempotency) =>
        IssueAsync(businessId, request, null, idempotency);

    private async Task<CreateLicenseOutcome> IssueAsync(string businessId, CreateLicenseRequest request, IdempotencySeed? seed, IdempotentCreate? idempotency)
    {
        // A caller-chosen key that is taken is a final answer and is recorded; a generated key that collides is retried.
        var recording = idempotency is null ? null
            : new IdempotencyRecording(idempotency.RecordId, idempotency.RequestHash, clock.GetUtcNow(), options.Value.IdempotencyRetention,
                RecordKeyExists: request.Key is not null, TraceId: idempotency.TraceId);
        var maxAttempts = request.Key is null ? options.Value.MaxGeneratedKeyAttempts : 1;
        for (var attempt = 1; ; attempt++)
        {
            // The first attempt uses the seed's ids, so a re-run of an idempotent request lands on the same license.
            var seeded = attempt == 1 && seed is not null;
            var licenseId = seeded ? seed!.LicenseId : PrefixedId.New(PrefixedId.License);
            var key = request.Key ?? (seeded ? seed!.LicenseKey : LicenseKeyGenerator.New());
            var license = LicenseIssuance.NewLicense(licenseId, businessId, key, request, Timestamps.Now(clock));
            // license.created is appended in the create's own step when the business has a webhook endpoint.
            var result = await store.CreateAsync(LicenseKeyRules.Digest(key), license, recording,
                new EventRecording(PrefixedId.New(PrefixedId.Event), WebhookEventTypes.LicenseCreated, license.CreatedAt));
            if (result.Replayed)
            {
                return new CreateLicenseOutcome(result.Status == CreateStatus.Created ? CreateLicenseStatus.Created : CreateLicenseStatus.KeyExists,
                    result.License, Replayed: true, result.TraceId);
            }
            switch (result.Status)
            {
                case CreateStatus.IdempotencyKeyReused:
                    return new CreateLicenseOutcome(CreateLicenseStatus.IdempotencyKeyReused, null);
                case CreateStatus.Created:
                    metrics.LicenseCreated();
                    if (result.EventRecorded) wakeups.EventRecorded(businessId);
                    return new CreateLicenseOutcome(CreateLicenseStatus.Created, license);
                case CreateStatus.AlreadyCreated:
                    return new CreateLicenseOutcome(CreateLicenseStatus.Created, result.License); // a re-run: answer as the first run did
                case CreateStatus.KeyExists when request.Key is not null || attempt >= maxAttempts:
                    // A taken chosen key is final (and recorded with an idempotency key); generated keys colliding this
                    // often mean a broken generator, and the idempotency key stays unrecorded, so a retry runs again.
                    return new CreateLicenseOutcome(CreateLicenseStatus.KeyExists, null);
                default:
                    logger.LogWarning("Generated license key collided; generating another (attempt {Attempt})", attempt);
                    break;
            }
        }
    }
}
