using Microsoft.Extensions.Logging;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Signing;
using Solifyn.Domain.Time;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.Signing;

/// <summary>
/// A business's signing keys (<see cref="ISigningKeyGrain"/>) in its grain state: at most 10 small records, written
/// whole, ETag-checked (a duplicate activation cannot overwrite a newer list). Private keys are only ever held sealed
/// here. Not on the signing path: <see cref="LicenseTokenSigner"/> reads the CURRENT key once a minute per silo.
/// </summary>
public sealed class SigningKeyGrain(
    [PersistentState("signingKeys", GrainStorage.Name)] IPersistentState<SigningKeysState> state,
    MasterKeySealer sealer,
    LicenseTokenSigner signer,
    TimeProvider clock,
    ILogger<SigningKeyGrain> logger) : Grain, ISigningKeyGrain
{
    private string BusinessId => this.GetPrimaryKeyString();

    private List<SigningKeyRecord> Keys => state.State.Keys;

    public async Task<SealedSigningKey?> GetCurrent() =>
        await EnsureCurrentAsync() is { } current ? new SealedSigningKey(current.Kid, current.SealedPrivateKey) : null;

    public async Task<IReadOnlyList<PublicSigningKey>?> GetPublicKeys()
    {
        if (await EnsureCurrentAsync() is null) return null;
        return SigningKeyRing.NewestFirst(Keys, clock.GetUtcNow()).Select(k => new PublicSigningKey(k.Kid, k.PublicKey)).ToList();
    }

    public Task<IReadOnlyList<SigningKeyInfo>> List() => Task.FromResult(Listed());

    public async Task<IReadOnlyList<SigningKeyInfo>?> Rotate()
    {
        if (Keys.Count == 0 && !await BusinessExistsAsync()) return null;
        var now = Timestamps.Now(clock);
        SigningKeyRing.Rotate(Keys, SigningKeyRing.NewKey(sealer, BusinessId, now), now);
        await WriteAsync();
        signer.Invalidate(BusinessId);
        logger.LogInformation("Signing key of business {BusinessId} rotated; current kid {Kid}", BusinessId, SigningKeyRing.Current(Keys)!.Kid);
        return Listed();
    }

    public async Task<SigningKeyRemoval> RemoveKey(string kid)
    {
        var index = Keys.FindIndex(k => k.Kid == kid);
        if (index < 0 || !SigningKeyRing.IsListed(Keys[index], clock.GetUtcNow())) return SigningKeyRemoval.NotFound;
        if (Keys[index].RetiredAt is null) return SigningKeyRemoval.IsCurrent;
        Keys.RemoveAt(index);
        await WriteAsync();
        signer.Invalidate(BusinessId);
        logger.LogInformation("Signing key {Kid} of business {BusinessId} removed", kid, BusinessId);
        return SigningKeyRemoval.Removed;
    }

    private IReadOnlyList<SigningKeyInfo> Listed() => SigningKeyRing.NewestFirst(Keys, clock.GetUtcNow()).Select(SigningKeyRing.Info).ToList();

    /// <summary>
    /// The CURRENT key, after dropping keys whose listing ended; the first key is made here, on first use, if the
    /// business exists. Null when it does not (the activation then goes: nothing to keep).
    /// </summary>
    private async Task<SigningKeyRecord?> EnsureCurrentAsync()
    {
        var now = Timestamps.Now(clock);
        if (SigningKeyRing.Prune(Keys, now)) await WriteAsync();
        if (SigningKeyRing.Current(Keys) is { } current) return current;
        if (!await BusinessExistsAsync())
        {
            DeactivateOnIdle();
            return null;
        }
        SigningKeyRing.Rotate(Keys, SigningKeyRing.NewKey(sealer, BusinessId, now), now);
        await WriteAsync();
        logger.LogInformation("First signing key of business {BusinessId} made; kid {Kid}", BusinessId, SigningKeyRing.Current(Keys)!.Kid);
        return SigningKeyRing.Current(Keys);
    }

    private async Task<bool> BusinessExistsAsync() => await GrainFactory.GetGrain<IBusinessGrain>(BusinessId).GetInfo() is not null;

    private Task WriteAsync() => state.WriteOrDeactivateAsync(this, logger);
}
