using Microsoft.Extensions.Logging;
using Solifyn.Abstractions.ApiKeys;
using Solifyn.Abstractions.Businesses;
using Solifyn.Domain.ApiKeys;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Time;
using Solifyn.Grains.Storage;

namespace Solifyn.Grains.ApiKeys;

[GenerateSerializer, Alias("solifyn.ApiKeyRingState")]
public sealed class ApiKeyRingState
{
    [Id(0)] public List<ApiKeyRecord> Keys { get; set; } = [];
}

[GenerateSerializer, Alias("solifyn.ApiKeyRecord")]
public sealed class ApiKeyRecord
{
    [Id(0)] public string Id { get; set; } = "";

    /// <summary>Lookup id of the key's <see cref="IApiKeyGrain"/> (a prefix of its SHA-256, not the secret).</summary>
    [Id(1)] public string LookupId { get; set; } = "";

    [Id(2)] public string Prefix { get; set; } = "";

    [Id(3)] public string? Description { get; set; }

    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    [Id(5)] public DateTimeOffset? RevokedAt { get; set; }

    [Id(6)] public ApiKeyMode Mode { get; set; }

    public ApiKeyInfo ToInfo() => new(Id, Prefix, Description, CreatedAt, RevokedAt);
}

/// <summary>
/// A business's API keys. Not reentrant: create, revoke and rotate each read-modify-write this one small record.
/// Authentication never calls it (it asks the key's own <see cref="IApiKeyGrain"/>), so it is off the hot path.
/// </summary>
public sealed class ApiKeyRingGrain(
    [PersistentState("apikeyring", GrainStorage.Name)] IPersistentState<ApiKeyRingState> state,
    TimeProvider clock,
    ILogger<ApiKeyRingGrain> logger) : Grain, IApiKeyRingGrain
{
    /// <summary>Records kept per business, revoked ones included; the oldest revoked records are dropped first.</summary>
    public const int MaxKeys = 50;

    /// <summary>How many characters of a secret are shown back (the mode prefix and four random characters).</summary>
    private const int ShownRandomCharacters = 4;

    public async Task<NewApiKey> Create(ApiKeyMode mode, string? description)
    {
        var businessId = this.GetPrimaryKeyString();
        if (await GrainFactory.GetGrain<IBusinessGrain>(businessId).GetInfo() is null)
        {
            throw new InvalidOperationException($"Business '{businessId}' does not exist.");
        }
        var now = Timestamps.Now(clock);
        Prune(now);
        if (state.State.Keys.Count(k => k.RevokedAt is null || k.RevokedAt > now) >= MaxKeys)
        {
            throw new InvalidOperationException($"Business '{businessId}' already has {MaxKeys} live API keys; revoke one first.");
        }

        var prefix = mode == ApiKeyMode.Live ? "sk_live_" : "sk_test_";
        var secret = ApiKeyHash.NewKey(prefix);
        var hash = ApiKeyHash.Of(secret);
        // Registered before it is listed: if this grain dies in between, the key exists but nobody ever saw its secret,
        // so it can never be used; the other order could list a key that does not authenticate.
        if (!await GrainFactory.GetGrain<IApiKeyGrain>(hash.LookupId).Register(businessId, hash.Value))
        {
            throw new InvalidOperationException("API key collision; try again.");   // 2^-128: practically never
        }
        var record = new ApiKeyRecord
        {
            Id = PrefixedId.New(PrefixedId.ApiKey),
            LookupId = hash.LookupId,
            Prefix = secret[..(prefix.Length + ShownRandomCharacters)],
            Description = description,
            CreatedAt = now,
            Mode = mode,
        };
        state.State.Keys.Add(record);
        await state.WriteOrDeactivateAsync(this, logger);
        return new NewApiKey(record.ToInfo(), secret);
    }

    public Task<IReadOnlyList<ApiKeyInfo>> List() =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>(state.State.Keys.Select(k => k.ToInfo()).ToList());

    public async Task<ApiKeyInfo?> Revoke(string keyId, TimeSpan grace)
    {
        var record = state.State.Keys.FirstOrDefault(k => k.Id == keyId);
        if (record is null) return null;
        var at = Timestamps.Now(clock) + (grace > TimeSpan.Zero ? grace : TimeSpan.Zero);
        if (record.RevokedAt is { } earlier && earlier <= at) at = earlier;
        // The key grain first: that is what stops authentication. If the record write below then fails, a retry of
        // this call finishes the job (both steps are idempotent).
        await GrainFactory.GetGrain<IApiKeyGrain>(record.LookupId).Revoke(at);
        if (record.RevokedAt != at)
        {
            record.RevokedAt = at;
            await state.WriteOrDeactivateAsync(this, logger);
        }
        return record.ToInfo();
    }

    public async Task<NewApiKey?> Rotate(string keyId, TimeSpan grace)
    {
        var old = state.State.Keys.FirstOrDefault(k => k.Id == keyId);
        if (old is null || !old.ToInfo().IsActive(Timestamps.Now(clock))) return null;
        var replacement = await Create(old.Mode, old.Description);
        await Revoke(keyId, grace);
        return replacement;
    }

    /// <summary>Drops the oldest records of keys revoked in the past once the ring is full, so the record stays bounded.</summary>
    private void Prune(DateTimeOffset now)
    {
        while (state.State.Keys.Count >= MaxKeys)
        {
            var oldestRevoked = state.State.Keys.Where(k => k.RevokedAt <= now).MinBy(k => k.RevokedAt);
            if (oldestRevoked is null) return;
            state.State.Keys.Remove(oldestRevoked);
        }
    }
}
