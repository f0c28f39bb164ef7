using Microsoft.Extensions.Logging;
using Solifyn.Abstractions.Licenses;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Licenses;

[GenerateSerializer, Alias("solifyn.LicenseLocatorState")]
public sealed class LicenseLocatorState
{
    [Id(0)] public LicenseLocation? Location { get; set; }
}

/// <summary>Maps a license id to its license grain. Bound once; ids are random, so two binds of one id never disagree.</summary>
public sealed class LicenseLocatorGrain(
    [PersistentState("locator", GrainStorage.Name)] IPersistentState<LicenseLocatorState> state,
    ILogger<LicenseLocatorGrain> logger) : Grain, ILicenseLocatorGrain
{
    public async Task Bind(LicenseLocation location)
    {
        if (state.State.Location is { } bound)
        {
            if (bound == location) return;
            throw new InvalidOperationException("License id is already bound to another license.");
        }
        state.State.Location = location;
        await state.WriteOrDeactivateAsync(this, logger);
        DeactivateOnIdle(); // bound once, read rarely: no reason to keep it in memory
    }

    public Task<LicenseLocation?> Find()
    {
        // An unknown id costs no persisted state and should not keep an activation alive either.
        if (state.State.Location is null) DeactivateOnIdle();
        return Task.FromResult(state.State.Location);
    }
}
