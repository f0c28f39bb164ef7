using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Licensing;

namespace Solifyn.Grains.Licenses;

/// <summary>
/// Runs the create protocol: reserve on the business, insert the license, bind its id, commit on the business.
/// A stateless worker: it runs on the silo that receives the call, so issuing spreads with the cluster and adds
/// no network hop of its own.
/// </summary>
[StatelessWorker]
public sealed class LicenseIssuerGrain(
    IOptions<SolifynGrainOptions> options,
    ILogger<LicenseIssuerGrain> logger) : Grain, ILicenseIssuerGrain
{
    public async Task<CreateLicenseOutcome> Issue(string businessId, CreateLicenseRequest request)
    {
        var business = GrainFactory.GetGrain<IBusinessGrain>(businessId);
        var maxAttempts = request.Key is null ? options.Value.MaxGeneratedKeyAttempts : 2;
        CreateLicenseOutcome outcome = new(CreateLicenseStatus.Aborted, null);
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var licenseId = PrefixedId.New(PrefixedId.License);
            var key = request.Key ?? LicenseKeyGenerator.New();
            var grainKey = LicenseGrainKey.For(businessId, key);

            await business.Reserve(new PendingLicenseWrite(licenseId, grainKey, LicenseIssuance.CreationDelta));
            // If this call fails we cannot know whether the license landed: the reservation stays for reconciliation.
            outcome = await GrainFactory.GetGrain<ILicenseGrain>(grainKey)
                .Create(new CreateLicenseCommand(licenseId, businessId, key, request));
            var created = outcome.Status == CreateLicenseStatus.Created;
            if (created)
            {
                await GrainFactory.GetGrain<ILicenseLocatorGrain>(licenseId)
                    .Bind(new LicenseLocation(businessId, grainKey));
            }
            await CommitAsync(business, licenseId, created);

            switch (outcome.Status)
            {
                case CreateLicenseStatus.Created:
                    return outcome;
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

    private async Task CommitAsync(IBusinessGrain business, string licenseId, bool created)
    {
        try
        {
            await business.Commit(licenseId, created);
        }
        catch (Exception exception) when (created)
        {
            // The license is durable and so is its reservation: reconciliation applies the counter later.
            // Failing the request now would make a client retry create a second license.
            logger.LogWarning("Counter commit failed ({ExceptionType}); left to reconciliation", exception.GetType().Name);
        }
    }
}
