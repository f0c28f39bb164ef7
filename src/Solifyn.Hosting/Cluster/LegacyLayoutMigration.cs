using Orleans.Serialization;
using Solifyn.Domain.Licensing;
using Solifyn.Grains.Storage;
using Solifyn.Grains.Storage.Legacy;
using StackExchange.Redis;

namespace Solifyn.Hosting.Cluster;

/// <summary>What a storage migration did: licenses written now, found already migrated, and those it could not place.</summary>
/// <param name="Migrated">Licenses written into the new layout by this run.</param>
/// <param name="AlreadyMigrated">Licenses an earlier run had written (the migration is idempotent and resumable).</param>
/// <param name="Vacant">Old records that held no license (keys nobody holds).</param>
/// <param name="Conflicts">Licenses whose key, compared ignoring ASCII case, another license of the business already
/// holds in the new layout: "{licenseId} {key}" each. Left in the old layout untouched; resolve by hand (PATCH or re-issue).</param>
public sealed record MigrationReport(int Migrated, int AlreadyMigrated, int Vacant, IReadOnlyList<string> Conflicts);

/// <summary>
/// Moves licenses from the layout before the atomic storage step (one Orleans grain-state hash per license key,
/// <c>{ServiceId}/state/license/{businessId}/{digest}/license</c>, a separate listing index and id locators, counters
/// in the business's grain state) into <see cref="RedisLicenseStore"/>'s layout. Every old license record is found by a
/// SCAN of every primary (not through the old index, which could lag), read with the Orleans serializer, and inserted
/// with its instances, id binding, index entries and counter contribution in one step under the digest of its case-folded
/// key. The counters of the new layout are therefore the exact sum of the migrated licenses. Idempotent: a license
/// already migrated is recognised by its id and skipped, so an interrupted run is simply run again. Non-destructive:
/// old keys are left in place (they are never read again, and can be deleted once the migration is verified).
/// </summary>
public sealed class LegacyLayoutMigration(IConnectionMultiplexer redis, RedisLicenseStore store, string serviceId, Serializer serializer)
{
    /// <summary>Runs the migration; <paramref name="progress"/> hears the number of old records examined so far.</summary>
    public async Task<MigrationReport> RunAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var prefix = serviceId + "/state/license/";
        int migrated = 0, already = 0, vacant = 0, examined = 0;
        var conflicts = new List<string>();
        var db = redis.GetDatabase();
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "*/license", pageSize: 500).WithCancellation(cancellationToken))
            {
                examined++;
                var data = await db.HashGetAsync(key, "data");
                var state = data.IsNull ? null : serializer.Deserialize<LegacyLicenseState>((byte[])data!);
                if (state?.License is not { } license)
                {
                    vacant++;
                    continue;
                }
                var instances = state.Instances.ToList();
                var result = await store.InsertAsync(LicenseKeyRules.Digest(license.Key), license with { InstancesCount = instances.Count }, instances);
                switch (result.Status)
                {
                    case CreateStatus.Created: migrated++; break;
                    case CreateStatus.AlreadyCreated: already++; break;
                    default: conflicts.Add($"{license.Id} {license.Key}"); break;
                }
                if (examined % 100 == 0) progress?.Report(examined);
            }
        }
        progress?.Report(examined);
        return new MigrationReport(migrated, already, vacant, conflicts);
    }
}
