using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Solifyn.Abstractions.Idempotency;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Licenses;

/// <summary>
/// Issues a license: picks its id (and key, unless the caller chose one) and asks the license grain for that key
/// to create it; regenerates a generated key that collides. A stateless worker: it runs on the silo that receives
/// the call, so issuing spreads with the cluster and adds no network hop of its own.
/// Reentrant: it keeps no state, and a stateless worker that is not reentrant runs one call at a time per
/// activation with at most one activation per core, which capped creates at two in flight per silo (measured: the
/// create rate stopped growing beyond 8 connections).
/// </summary>
[StatelessWorker, Reentrant]
public sealed class LicenseIssuerGrain(
    IOptions<SolifynGrainOptions> options,
    ILogger<LicenseIssuerGrain> logger) : Grain, ILicenseIssuerGrain
{
    public async Task<CreateLicenseOutcome> Issue(string businessId, CreateLicenseRequest request, IdempotencySeed? seed)
    {
        var maxAttempts = request.Key is null ? options.Value.MaxGeneratedKeyAttempts : 2;
        CreateLicenseOutcome outcome = new(CreateLicenseStatus.Aborted, null);
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            // The first attempt uses the seed's ids, so a re-run of an idempotent request lands on the same license.
            var seeded = attempt == 1 && seed is not null;
            var licenseId = seeded ? seed!.LicenseId : PrefixedId.New(PrefixedId.License);
            var key = request.Key ?? (seeded ? seed!.LicenseKey : LicenseKeyGenerator.New());
            outcome = await GrainFactory.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, key))
                .Create(new CreateLicenseCommand(licenseId, businessId, key, request));
            switch (outcome.Status)
            {
                case CreateLicenseStatus.Created:
                case CreateLicenseStatus.KeyExists when request.Key is not null:
                    return outcome;
                case CreateLicenseStatus.KeyExists:
                    logger.LogWarning("Generated license key collided; generating another (attempt {Attempt})", attempt);
                    break;
                case CreateLicenseStatus.Aborted:
                    // Reconciliation fenced this attempt's id: nothing was written. Try again with a fresh id.
                    break;
            }
        }
        return outcome;
    }
}
