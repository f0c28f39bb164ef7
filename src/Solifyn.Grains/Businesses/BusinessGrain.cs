using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Solifyn.Abstractions.Businesses;
using Solifyn.Domain.Time;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Businesses;

/// <summary>
/// A business: whether it exists, since when, and its name. Its counters are not its state: they live in license
/// storage, where each license change moves them in the same atomic step as the license itself, so they are exact by
/// construction and this grain only reads them. No license write waits on it. Reentrant: reads interleave, and the one
/// write (creation) is idempotent.
/// </summary>
[Reentrant]
public sealed class BusinessGrain(
    [PersistentState("business", GrainStorage.Name)] IPersistentState<BusinessState> state,
    ILicenseStore licenses,
    TimeProvider clock,
    ICatalogOfBusinesses catalog,
    ILogger<BusinessGrain> logger) : Grain, IBusinessGrain
{
    public async Task<BusinessInfo> EnsureCreated() => (await Create(name: null)).Business;

    public async Task<BusinessCreation> Create(string? name)
    {
        var created = false;
        if (state.State.CreatedAt is null)
        {
            state.State.CreatedAt = Timestamps.Now(clock);
            state.State.Name = name;
            await state.WriteOrDeactivateAsync(this, logger);
            created = true;
        }
        // Every time, not only when created: a crash between the state write and this add would otherwise leave the
        // business out of the catalog for good. The add is idempotent.
        await catalog.AddAsync(this.GetPrimaryKeyString());
        return new BusinessCreation(await InfoAsync(), created);
    }

    public async Task<BusinessInfo?> GetInfo() => state.State.CreatedAt is null ? null : await InfoAsync();

    private async Task<BusinessInfo> InfoAsync()
    {
        var id = this.GetPrimaryKeyString();
        return new BusinessInfo(id, state.State.CreatedAt!.Value, await licenses.GetCountersAsync(id), state.State.Name);
    }
}
