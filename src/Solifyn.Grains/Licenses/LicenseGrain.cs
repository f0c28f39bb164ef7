using Microsoft.Extensions.Logging;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Time;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Licenses;

/// <summary>
/// One license, addressed by <c>{businessId}/{digest(key)}</c>. Not reentrant: calls on one activation are
/// serialized, and duplicate activations (possible during membership changes) are kept honest by the storage
/// ETag: inserting over an existing record fails, and the loser re-reads and answers from what storage holds.
/// </summary>
public sealed class LicenseGrain(
    [PersistentState("license", GrainStorage.Name)] IPersistentState<LicenseState> state,
    TimeProvider clock,
    ILogger<LicenseGrain> logger) : Grain, ILicenseGrain
{
    public async Task<CreateLicenseOutcome> Create(CreateLicenseCommand command)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = state.State.License;
            if (existing is not null)
            {
                // Same id: a retry of a create that already landed. Answer as the first time did.
                return existing.Id == command.LicenseId
                    ? new CreateLicenseOutcome(CreateLicenseStatus.Created, existing)
                    : new CreateLicenseOutcome(CreateLicenseStatus.KeyExists, null);
            }
            if (state.State.FencedIds.Contains(command.LicenseId))
            {
                return new CreateLicenseOutcome(CreateLicenseStatus.Aborted, null);
            }

            var license = LicenseIssuance.NewLicense(command, Timestamps.Now(clock));
            state.State.License = license;
            try
            {
                await state.WriteStateAsync();
                return new CreateLicenseOutcome(CreateLicenseStatus.Created, license);
            }
            catch (InconsistentStateException) when (attempt == 0)
            {
                // Another activation of this grain wrote first. Reload what storage holds and decide again.
                await ReloadOrDeactivateAsync();
            }
            catch
            {
                DeactivateOnIdle();
                throw;
            }
        }
    }

    public Task<License?> Get() => Task.FromResult(state.State.License);

    public async Task<License?> Resolve(string licenseId)
    {
        var existing = state.State.License;
        if (existing is not null)
        {
            // Keys are never released, so an id that does not hold the key now never will.
            return existing.Id == licenseId ? existing : null;
        }
        if (!state.State.FencedIds.Contains(licenseId))
        {
            state.State.FencedIds.Add(licenseId);
            await state.WriteOrDeactivateAsync(this, logger);
        }
        return null;
    }

    private async Task ReloadOrDeactivateAsync()
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
