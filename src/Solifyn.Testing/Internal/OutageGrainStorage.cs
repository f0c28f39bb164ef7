using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Solifyn.Testing.Internal;

/// <summary>
/// Orleans grain storage (businesses, API keys, idempotency records) that fails during a storage outage, in front of
/// the memory storage the service's embedded mode uses. Memory grain storage keeps its records in grains of the
/// cluster, so each test server's cluster has its own.
/// </summary>
internal sealed class OutageGrainStorage(IGrainStorage inner, OutageSwitch outage) : IGrainStorage
{
    /// <summary>Puts the outage in front of the memory storage provider <paramref name="name"/> (registered before).</summary>
    public static void Wrap(IServiceCollection services, string name, OutageSwitch outage) =>
        // The last keyed registration of a name is the one Orleans resolves.
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) =>
            new OutageGrainStorage(MemoryGrainStorageFactory.Create(provider, name), outage));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        outage.ThrowIfDown();
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        outage.ThrowIfDown();
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        outage.ThrowIfDown();
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
