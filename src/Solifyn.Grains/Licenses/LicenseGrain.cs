using Microsoft.Extensions.Options;
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
/// One license and its instances, addressed by <c>{businessId}/{digest(key)}</c>: the owner of a license's life
/// (activate, validate, update), activated lazily from the stored record on first use. Not reentrant: changes are
/// serialized, so a seat check and the write that takes the seat never interleave here. Every change is one atomic
/// storage step (<see cref="ILicenseStore.ChangeAsync"/>): the license, the instance, the business's counters and the
/// index move together, as a compare-and-set on the record's version, so a duplicate activation of this grain
/// (possible during membership changes) cannot apply a change decided on stale state; it reloads and decides again.
/// Creates do not come here: the issuer inserts straight into storage, and this grain reads the license when first used.
/// </summary>
[CollectionAgeLimit(Minutes = 5)]
public sealed class LicenseGrain(ILicenseStore store, TimeProvider clock, Telemetry.SolifynMetrics metrics, Webhooks.WebhookWakeups wakeups,
    Signing.LicenseTokenSigner signer, IOptions<SolifynGrainOptions> options) : Grain, ILicenseGrain
{
    /// <summary>What storage held when last read or written; null until loaded, or while the key is vacant.</summary>
    private StoredLicense? _stored;

    private string? _businessId, _keyDigest;

    /// <summary>The business, from the grain key <c>{businessId}/{digest}</c> (parsed once per activation).</summary>
    private string BusinessId => _businessId ??= this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().IndexOf('/')];

    /// <summary>The key's digest, from the grain key.</summary>
    private string KeyDigest => _keyDigest ??= this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().IndexOf('/') + 1)..];

    public async Task<License?> Get() => (await LoadAsync())?.License;

    public async Task<LicenseWithInstances?> GetInstances() =>
        await LoadAsync() is { } stored ? new LicenseWithInstances(stored.License, stored.Instances) : null;

    public async Task<LicenseValidation> Validate(string? instanceId, string? fingerprint, string? productId, string? nonce = null)
    {
        var stored = await LoadAsync();
        var now = clock.GetUtcNow();
        var verdict = LicenseRules.Validate(stored?.License, stored?.Instances ?? [], instanceId, fingerprint, productId, now);
        string? token = null;
        if (nonce is not null)
        {
            // Signed in this silo (the signer's cached key), not by a per-business grain.
            var claims = Signing.LicenseTokens.ValidationClaims(BusinessId, verdict.Code, stored?.License.Id, verdict.Instance?.Id, nonce, now.ToUnixTimeSeconds());
            token = await signer.SignAsync(BusinessId, Signing.LicenseTokens.ValidationType, claims, Signing.TokenJson.Tokens.ValidationTokenClaims);
        }
        return new LicenseValidation(verdict.Code, stored?.License, verdict.Instance, token);
    }

    public async Task<LicenseCheckout> Checkout(string? instanceId, string? fingerprint, int ttlHours)
    {
        var stored = await LoadAsync();
        var now = clock.GetUtcNow();
        var verdict = LicenseRules.Validate(stored?.License, stored?.Instances ?? [], instanceId, fingerprint, null, now);
        var error = verdict.Code switch
        {
            LicenseCodes.Valid => null,
            LicenseCodes.NotFound => LicenseCodes.LicenseNotFound,
            LicenseCodes.Revoked => LicenseCodes.LicenseRevoked,
            LicenseCodes.Disabled => LicenseCodes.LicenseDisabled,
            LicenseCodes.Expired => LicenseCodes.LicenseExpired,
            LicenseCodes.InstanceNotFound => LicenseCodes.InstanceNotFoundError,
            var other => throw new InvalidOperationException($"Unexpected verdict {other} for a checkout."),
        };
        if (error is not null) return LicenseCheckout.Failed(error);
        var claims = Signing.LicenseTokens.LicenseClaims(stored!.License, verdict.Instance, PrefixedId.New(PrefixedId.LicenseToken), now.ToUnixTimeSeconds(),
            Math.Clamp(ttlHours, 1, Signing.LicenseTokens.MaxTtlHours));
        var token = await signer.SignAsync(BusinessId, Signing.LicenseTokens.LicenseType, claims, Signing.TokenJson.Tokens.LicenseTokenClaims);
        // No business (the license outlived it): as if the license were not there.
        return token is null
            ? LicenseCheckout.Failed(LicenseCodes.LicenseNotFound)
            : new LicenseCheckout(null, token, DateTimeOffset.FromUnixTimeSeconds(claims.Exp));
    }

    public Task<LicenseChangeOutcome> Update(LicenseUpdate update) => UpdateAsync(update, null);

    public Task<LicenseChangeOutcome> UpdateIdempotent(LicenseUpdate update, IdempotentCreate idempotency) => UpdateAsync(update, idempotency);

    public Task<LicenseChangeOutcome> Activate(string name, string? fingerprint, string? instanceId) => ActivateAsync(name, fingerprint, instanceId, null);

    public Task<LicenseChangeOutcome> ActivateIdempotent(string name, string? fingerprint, string? instanceId, IdempotentCreate idempotency) =>
        ActivateAsync(name, fingerprint, instanceId, idempotency);

    public Task<LicenseChangeOutcome> Deactivate(string instanceId) => DeactivateAsync(instanceId, null);

    public Task<LicenseChangeOutcome> DeactivateIdempotent(string instanceId, IdempotentCreate idempotency) => DeactivateAsync(instanceId, idempotency);

    private async Task<LicenseChangeOutcome> UpdateAsync(LicenseUpdate update, IdempotentCreate? idempotency) => (await ChangeAsync(stored =>
    {
        var (updated, error) = update.ApplyTo(stored.License, stored.Instances.Count, Timestamps.Now(clock));
        if (error is not null) return Decision.Refuse(error);
        // Nothing changes (also a re-run of an update that landed): nothing to write.
        if (updated == stored.License) return Decision.Answer(stored.License);
        var type = updated!.Status == LicenseStatus.Revoked && stored.License.Status != LicenseStatus.Revoked
            ? WebhookEventTypes.LicenseRevoked
            : WebhookEventTypes.LicenseUpdated;
        return Decision.Write(new LicenseChange(stored.License, updated), type);
    }, idempotency)).Outcome;

    private async Task<LicenseChangeOutcome> ActivateAsync(string name, string? fingerprint, string? instanceId, IdempotentCreate? idempotency)
    {
        var (outcome, written) = await ChangeAsync(stored =>
        {
            if (instanceId is not null && stored.Instances.FirstOrDefault(i => i.Id == instanceId) is { } made)
            {
                return Decision.Answer(stored.License, made); // a re-run of an activation that landed: no second seat
            }
            var now = Timestamps.Now(clock);
            var decision = LicenseRules.DecideActivation(stored.License, stored.Instances, fingerprint, now);
            switch (decision.Kind)
            {
                case ActivationKind.Rejected: return Decision.Refuse(decision.ErrorCode!);
                case ActivationKind.Existing: return Decision.Answer(stored.License, decision.Existing);
            }
            var instance = new LicenseInstance(instanceId ?? PrefixedId.New(PrefixedId.LicenseInstance), name, fingerprint, now);
            var activated = stored.License with { InstancesCount = stored.Instances.Count + 1, UpdatedAt = now };
            return Decision.Write(new LicenseChange(stored.License, activated, AddedInstance: instance), WebhookEventTypes.LicenseActivated, instance);
        }, idempotency);
        if (written) metrics.Activated();
        return outcome;
    }

    private async Task<LicenseChangeOutcome> DeactivateAsync(string instanceId, IdempotentCreate? idempotency) => (await ChangeAsync(stored =>
    {
        if (stored.Instances.FirstOrDefault(i => i.Id == instanceId) is not { } instance) return Decision.Refuse(LicenseCodes.InstanceNotFoundError);
        var deactivated = stored.License with { InstancesCount = stored.Instances.Count - 1, UpdatedAt = Timestamps.Now(clock) };
        return Decision.Write(new LicenseChange(stored.License, deactivated, RemovedInstanceId: instanceId), WebhookEventTypes.LicenseDeactivated, instance);
    }, idempotency)).Outcome;

    /// <summary>
    /// Decides a change on the stored license and writes it as one compare-and-set. If the version moved (another
    /// activation of this grain wrote, or an earlier attempt of this very change landed before its answer was lost),
    /// reloads and decides again, once; a second conflict is a transient failure the caller retries. Written is true
    /// when this call wrote, rather than answered from what was stored.
    /// <para>
    /// With an Idempotency-Key, every way out goes through one storage step that reads the key's record before it
    /// writes anything: a change, through the change's own step (which records the answer with it); any answer that
    /// writes nothing (a refusal, an answer from what is stored, no license), through
    /// <see cref="ILicenseStore.RecordOutcomeAsync"/>. If the key has a record, that step writes nothing and its
    /// recorded outcome is the answer, whatever was decided here on the state now stored: a retry of an activation that
    /// landed replays its instance even if the seats have been taken since. So the record is checked, atomically, before
    /// any decision takes effect, without a separate read before deciding.
    /// </para>
    /// </summary>
    private async Task<(LicenseChangeOutcome Outcome, bool Written)> ChangeAsync(Func<StoredLicense, Decision> decide, IdempotentCreate? idempotency = null)
    {
        var key = idempotency is null ? null
            : new IdempotencyRecording(idempotency.RecordId, idempotency.RequestHash, clock.GetUtcNow(), options.Value.IdempotencyRetention,
                TraceId: idempotency.TraceId);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await LoadAsync(refresh: attempt > 0);
            if (stored is null) return (await AnswerAsync(LicenseChangeOutcome.Failed(LicenseCodes.LicenseNotFound), key), false);
            var decision = decide(stored);
            if (decision.ErrorCode is { } error) return (await AnswerAsync(LicenseChangeOutcome.Failed(error), key), false);
            if (decision.Change is not { } change) return (await AnswerAsync(LicenseChangeOutcome.Succeeded(decision.License!, decision.Instance), key), false);

            ChangeResult result;
            try
            {
                // The event is appended in the change's own step (when the business has a webhook endpoint), and so is
                // the Idempotency-Key's record with the answer.
                var recording = new EventRecording(PrefixedId.New(PrefixedId.Event), decision.EventType!, change.After.UpdatedAt, decision.Instance);
                result = await store.ChangeAsync(KeyDigest, stored.Version, change, recording,
                    key is null ? null : new ChangeIdempotency(key, decision.Instance));
            }
            catch
            {
                _stored = null; // unknown whether it landed: read storage again before the next decision
                throw;
            }
            if (result.Replay is { } replay) return (Replayed(replay), false);
            if (result.Applied)
            {
                if (result.EventRecorded) wakeups.EventRecorded(BusinessId);
                var instances = stored.Instances.Where(i => i.Id != change.RemovedInstanceId).ToList();
                if (change.AddedInstance is { } added) instances.Add(added);
                _stored = new StoredLicense(change.After, instances, result.Version);
                return (LicenseChangeOutcome.Succeeded(change.After, decision.Instance), true);
            }
            if (attempt > 0) throw new InconsistentStateException("The license changed concurrently; retry.");
        }
    }

    /// <summary>
    /// An answer that writes nothing: with an Idempotency-Key, recorded (or, if the key already has a record, replaced
    /// by what that record holds); see <see cref="ChangeAsync"/>.
    /// </summary>
    private async Task<LicenseChangeOutcome> AnswerAsync(LicenseChangeOutcome outcome, IdempotencyRecording? key) =>
        key is not null && await store.RecordOutcomeAsync(BusinessId, key, outcome) is { } replay ? Replayed(replay) : outcome;

    private static LicenseChangeOutcome Replayed(IdempotencyReplay replay) =>
        replay.Outcome ?? LicenseChangeOutcome.Failed(LicenseCodes.IdempotencyKeyReused);

    /// <summary>
    /// The stored license, read once per activation and kept while it exists. A vacant key is read again on every call
    /// (a create lands in storage without this grain) and lets the activation go.
    /// </summary>
    private async Task<StoredLicense?> LoadAsync(bool refresh = false)
    {
        if (_stored is null || refresh) _stored = await store.GetAsync(BusinessId, KeyDigest);
        if (_stored is null) DeactivateOnIdle();
        return _stored;
    }

    /// <summary>What a change decided: refuse with a code, answer without writing, or write a change.</summary>
    private sealed record Decision(string? ErrorCode, License? License, LicenseInstance? Instance, LicenseChange? Change, string? EventType = null)
    {
        public static Decision Refuse(string code) => new(code, null, null, null);

        public static Decision Answer(License license, LicenseInstance? instance = null) => new(null, license, instance, null);

        /// <summary>Write <paramref name="change"/>, recording an event of <paramref name="eventType"/> with it.</summary>
        public static Decision Write(LicenseChange change, string eventType, LicenseInstance? instance = null) => new(null, change.After, instance, change, eventType);
    }
}
