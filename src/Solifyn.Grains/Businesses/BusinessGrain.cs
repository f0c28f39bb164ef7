using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Time;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Businesses;

/// <summary>
/// A business and its counters. Counters stay exact with a reservation protocol instead of a transaction:
/// <list type="number">
/// <item>the writer <see cref="Reserve"/>s (the operation and its counter delta are persisted here);</item>
/// <item>the writer writes the license;</item>
/// <item>the writer <see cref="Commit"/>s (delta applied, reservation removed, in one state write).</item>
/// </list>
/// If the writer dies between 2 and 3, the reservation is still here; <see cref="Reconcile"/> asks the license
/// grain whether the write happened (fencing it off if it did not) and applies the delta exactly once. The license
/// grain settles each change before making the next, so at most one of its changes is ever unsettled.
/// Reentrant: every step is check-and-mutate within one turn, and concurrent state writes are coalesced by the
/// storage bridge, so a busy business shares Redis round trips instead of queueing one per request.
/// </summary>
[Reentrant]
public sealed class BusinessGrain(
    [PersistentState("business", GrainStorage.Name)] IPersistentState<BusinessState> state,
    TimeProvider clock,
    IOptions<SolifynGrainOptions> options,
    ICatalogOfBusinesses catalog,
    ILogger<BusinessGrain> logger) : Grain, IBusinessGrain
{
    private bool _reconciling;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.ReconcileInterval;
        this.RegisterGrainTimer(
            _ => state.State.Pending.Count == 0 ? Task.CompletedTask : Reconcile(options.Value.ReservationTimeout),
            new GrainTimerCreationOptions(interval, interval) { KeepAlive = false });
        return Task.CompletedTask;
    }

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
        return new BusinessCreation(Info(), created);
    }

    public Task<BusinessInfo?> GetInfo() =>
        Task.FromResult(state.State.CreatedAt is null ? null : Info());

    public async Task Reserve(PendingLicenseWrite write)
    {
        if (state.State.CreatedAt is null)
        {
            throw new InvalidOperationException("The business does not exist.");
        }
        state.State.Pending[write.OperationId] = new PendingEntry
        {
            LicenseGrainKey = write.LicenseGrainKey,
            Delta = write.Delta,
            ReservedAt = clock.GetUtcNow(),
        };
        await state.WriteOrDeactivateAsync(this, logger);
    }

    public async Task Commit(string operationId, bool applied)
    {
        if (!Settle(operationId, applied)) return;
        await state.WriteOrDeactivateAsync(this, logger);
    }

    public async Task<int> Reconcile(TimeSpan olderThan)
    {
        // One reconciliation at a time; a reentrant grain would otherwise run two over the same entries.
        if (_reconciling) return 0;
        _reconciling = true;
        try
        {
            var cutoff = clock.GetUtcNow() - olderThan;
            var stale = state.State.Pending
                .Where(p => p.Value.ReservedAt <= cutoff)
                .Select(p => (OperationId: p.Key, p.Value.LicenseGrainKey))
                .ToList();
            var settled = 0;
            foreach (var (operationId, licenseGrainKey) in stale)
            {
                var applied = await GrainFactory.GetGrain<ILicenseGrain>(licenseGrainKey).Resolve(operationId);
                // A commit may have settled it while we awaited; Settle applies the delta at most once.
                if (Settle(operationId, applied)) settled++;
            }
            if (settled > 0)
            {
                logger.LogWarning("Reconciled {Count} license writes whose writer never committed", settled);
                await state.WriteOrDeactivateAsync(this, logger);
            }
            return settled;
        }
        finally
        {
            _reconciling = false;
        }
    }

    /// <summary>Removes the reservation and applies its delta if the write happened. False if already settled.</summary>
    private bool Settle(string operationId, bool applied)
    {
        if (!state.State.Pending.Remove(operationId, out var entry)) return false;
        if (applied)
        {
            state.State.Counters += entry.Delta;
        }
        return true;
    }

    private BusinessInfo Info() =>
        new(this.GetPrimaryKeyString(), state.State.CreatedAt!.Value, state.State.Counters, state.State.Pending.Count, state.State.Name);
}
