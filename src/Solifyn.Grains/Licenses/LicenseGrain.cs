using Microsoft.Extensions.Logging;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Time;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Licenses;

/// <summary>
/// One license and its instances, addressed by <c>{businessId}/{digest(key)}</c>. Not reentrant: changes are
/// serialized, so a seat check and the write that takes the seat never interleave with another change. Duplicate
/// activations (possible during membership changes) are kept honest by the storage ETag: a write based on stale
/// state fails, and the grain reloads rather than answer from it.
/// <para>
/// Every change that moves the business's counters runs reserve → write → project → commit (see
/// <see cref="ApplyAsync"/>), so the counters stay exact if this grain dies at any step.
/// </para>
/// </summary>
[CollectionAgeLimit(Minutes = 5)]
public sealed class LicenseGrain(
    [PersistentState("license", GrainStorage.Name)] IPersistentState<LicenseState> state,
    ILicenseIndex index,
    TimeProvider clock,
    Telemetry.SolifynMetrics metrics,
    ILogger<LicenseGrain> logger) : Grain, ILicenseGrain
{
    private const int MaxFencedIds = 64;

    /// <summary>True once this activation knows the business committed <see cref="LicenseState.LastOperationId"/>.</summary>
    private bool _lastOperationSettled;

    private string GrainKey => this.GetPrimaryKeyString();

    private IBusinessGrain Business => GrainFactory.GetGrain<IBusinessGrain>(GrainKey[..GrainKey.IndexOf('/')]);

    public async Task<CreateLicenseOutcome> Create(CreateLicenseCommand command)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = state.State.License;
            if (existing is not null)
            {
                if (existing.Id != command.LicenseId) return new CreateLicenseOutcome(CreateLicenseStatus.KeyExists, null);
                // Same id: a re-run of a create that already landed. Finish what the first run may have left undone
                // (projection, commit), then answer as it did.
                await SettleLastOperationAsync();
                return new CreateLicenseOutcome(CreateLicenseStatus.Created, existing);
            }
            if (state.State.FencedIds.Contains(command.LicenseId))
            {
                return new CreateLicenseOutcome(CreateLicenseStatus.Aborted, null);
            }

            var license = LicenseIssuance.NewLicense(command.LicenseId, command.BusinessId, command.Key, command.Request, Timestamps.Now(clock));
            try
            {
                await ApplyAsync(null, license, [], command.LicenseId);
                metrics.LicenseCreated();
                // A new license is typically not used for a while (it is delivered to a customer first): free the
                // activation now rather than hold it for the collection age. Bulk issuing then keeps memory flat.
                if (_lastOperationSettled) DeactivateOnIdle();
                return new CreateLicenseOutcome(CreateLicenseStatus.Created, license);
            }
            catch (InconsistentStateException) when (attempt == 0)
            {
                // Another activation of this grain wrote first; ApplyAsync reloaded what storage holds. Decide again.
            }
        }
    }

    public Task<License?> Get() => Task.FromResult(ForgetIfVacant(state.State.License));

    public Task<LicenseWithInstances?> GetInstances() => Task.FromResult(
        ForgetIfVacant(state.State.License) is { } license ? new LicenseWithInstances(license, state.State.Instances.ToList()) : null);

    public async Task<LicenseChangeOutcome> Update(LicenseUpdate update)
    {
        if (ForgetIfVacant(state.State.License) is not { } license) return LicenseChangeOutcome.Failed(LicenseCodes.LicenseNotFound);

        var (updated, error) = update.ApplyTo(license, state.State.Instances.Count, Timestamps.Now(clock));
        if (error is not null) return LicenseChangeOutcome.Failed(error);
        if (updated == license)
        {
            await SettleLastOperationAsync(); // a re-run of an update that landed: make sure it is fully applied
            return LicenseChangeOutcome.Succeeded(license);
        }

        await ApplyAsync(license, updated!, state.State.Instances, NewOperationId());
        return LicenseChangeOutcome.Succeeded(updated!);
    }

    public async Task<LicenseChangeOutcome> Activate(string name, string? fingerprint, string? instanceId)
    {
        var license = ForgetIfVacant(state.State.License);
        if (license is not null && instanceId is not null && state.State.Instances.FirstOrDefault(i => i.Id == instanceId) is { } made)
        {
            // A re-run of an activation that landed: the same instance, no second seat.
            await SettleLastOperationAsync();
            return LicenseChangeOutcome.Succeeded(license, made);
        }
        var now = Timestamps.Now(clock);
        var decision = LicenseRules.DecideActivation(license, state.State.Instances, fingerprint, now);
        switch (decision.Kind)
        {
            case ActivationKind.Rejected:
                return LicenseChangeOutcome.Failed(decision.ErrorCode!);
            case ActivationKind.Existing:
                await SettleLastOperationAsync();
                return LicenseChangeOutcome.Succeeded(license!, decision.Existing);
        }

        var instance = new LicenseInstance(instanceId ?? PrefixedId.New(PrefixedId.LicenseInstance), name, fingerprint, now);
        var instances = state.State.Instances.Append(instance).ToList();
        var activated = license! with { InstancesCount = instances.Count, UpdatedAt = now };
        await ApplyAsync(license, activated, instances, NewOperationId());
        metrics.Activated();
        return LicenseChangeOutcome.Succeeded(activated, instance);
    }

    public async Task<LicenseChangeOutcome> Deactivate(string instanceId)
    {
        if (ForgetIfVacant(state.State.License) is not { } license) return LicenseChangeOutcome.Failed(LicenseCodes.LicenseNotFound);
        var instance = state.State.Instances.FirstOrDefault(i => i.Id == instanceId);
        if (instance is null) return LicenseChangeOutcome.Failed(LicenseCodes.InstanceNotFoundError);

        var instances = state.State.Instances.Where(i => i.Id != instanceId).ToList();
        var deactivated = license with { InstancesCount = instances.Count, UpdatedAt = Timestamps.Now(clock) };
        await ApplyAsync(license, deactivated, instances, NewOperationId());
        return LicenseChangeOutcome.Succeeded(deactivated, instance);
    }

    public Task<LicenseValidation> Validate(string? instanceId, string? fingerprint, string? productId)
    {
        var license = ForgetIfVacant(state.State.License);
        var verdict = LicenseRules.Validate(license, state.State.Instances, instanceId, fingerprint, productId, clock.GetUtcNow());
        return Task.FromResult(new LicenseValidation(verdict.Code, license, verdict.Instance));
    }

    public async Task<bool> Resolve(string operationId)
    {
        if (state.State.License is { } license && state.State.LastOperationId == operationId)
        {
            // Applied. Its writer may have died before projecting it; projecting is idempotent.
            await ProjectAsync(null, license);
            return true;
        }
        if (!state.State.FencedIds.Contains(operationId))
        {
            // The write bumps the ETag, so an in-flight write of this operation by another activation fails.
            state.State.FencedIds.Add(operationId);
            if (state.State.FencedIds.Count > MaxFencedIds) state.State.FencedIds.RemoveAt(0);
            await state.WriteOrDeactivateAsync(this, logger);
        }
        return false;
    }

    /// <summary>
    /// Writes a change. When it moves the business's counters: reserve the delta on the business first, write,
    /// project (locator, index), then commit. A crash after the reservation leaves it for the business's
    /// reconciliation, which asks <see cref="Resolve"/> whether the write happened.
    /// </summary>
    private async Task ApplyAsync(License? before, License after, List<LicenseInstance> instances, string operationId)
    {
        await SettleLastOperationAsync();
        var delta = after.Tally - (before?.Tally ?? LicenseTally.Zero);
        var counted = delta != LicenseTally.Zero;
        if (counted)
        {
            await Business.Reserve(new PendingLicenseWrite(operationId, GrainKey, delta));
        }

        state.State.License = after;
        state.State.Instances = instances;
        if (counted)
        {
            state.State.LastOperationId = operationId;
            _lastOperationSettled = false;
        }
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Storage refused the write, so it certainly did not happen: release the reservation and reload.
            if (counted) await TryCommitAsync(operationId, applied: false);
            await ReloadOrDeactivateAsync();
            throw;
        }
        catch
        {
            // Unknown whether it landed: deactivate (never serve unconfirmed state); reconciliation settles it.
            DeactivateOnIdle();
            throw;
        }

        if (counted)
        {
            // If projecting fails the caller hears of it (503): the change is durable but not yet fully visible (e.g. by
            // id). A retry with the same Idempotency-Key re-runs to the same state and settles it; otherwise the next
            // change of this license or reconciliation does.
            // Commit only after projecting: while the reservation is pending, reconciliation finishes a projection
            // this writer could not (a committed change whose license is never touched again would stay unfindable).
            await ProjectAsync(before, after);
            _lastOperationSettled = await TryCommitAsync(operationId, applied: true);
        }
    }

    /// <summary>Makes sure the last counted change is committed before another is made (at most one is ever unsettled).</summary>
    private async Task SettleLastOperationAsync()
    {
        if (_lastOperationSettled || state.State.LastOperationId is not { } operationId || state.State.License is not { } license)
        {
            return;
        }
        await ProjectAsync(null, license);
        await Business.Commit(operationId, applied: true);
        _lastOperationSettled = true;
    }

    /// <summary>Keeps the id locator and the listing index in step with the license. Idempotent.</summary>
    /// <summary>Makes the license findable by id (a new one) and listable under its current status (both idempotent, run together).</summary>
    private Task ProjectAsync(License? before, License after)
    {
        var bind = before is null
            ? GrainFactory.GetGrain<ILicenseLocatorGrain>(after.Id).Bind(new LicenseLocation(after.BusinessId, GrainKey))
            : Task.CompletedTask;
        var upsert = before is null || before.Status != after.Status || before.Archived != after.Archived
            ? index.UpsertAsync(after, GrainKey)
            : Task.CompletedTask;
        return Task.WhenAll(bind, upsert);
    }

    private async Task<bool> TryCommitAsync(string operationId, bool applied)
    {
        try
        {
            await Business.Commit(operationId, applied);
            return true;
        }
        catch (Exception exception)
        {
            // The change is durable and so is its reservation: reconciliation settles it. Failing the request now
            // would only invite a retry that repeats the change.
            logger.LogWarning("Counter commit failed ({ExceptionType}); left to reconciliation", exception.GetType().Name);
            return false;
        }
    }

    private async Task ReloadOrDeactivateAsync()
    {
        try
        {
            await state.ReadStateAsync();
            _lastOperationSettled = false;
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>A key nobody holds costs no persisted state, and should not leave a long-lived activation either.</summary>
    private License? ForgetIfVacant(License? license)
    {
        if (license is null) DeactivateOnIdle();
        return license;
    }

    private static string NewOperationId() => PrefixedId.New("op");
}
