using System.Text.Json;
using System.Text.Json.Serialization;
using Solifyn.Domain.Licensing;

namespace Solifyn.Hosting.Cluster;

/// <summary>
/// How licenses and instances are written into Redis by <see cref="RedisLicenseStore"/>: compact JSON with one-letter
/// names, timestamps as Unix milliseconds (every timestamp of the service is millisecond-precise:
/// <see cref="Domain.Time.Timestamps"/>), and no field at its default (null, 0, false). The business id is not stored:
/// it is in the record's key. A license with no filters is about 160 bytes instead of about 450 in camelCase JSON.
/// <para>
/// The record is a Redis string holding this JSON, whose first member is the record's version, <c>{"v":N,...}</c>:
/// the Lua scripts read the version with an anchored match (<c>^{"v":(%d+)</c>) and decode two other fields:
/// <c>i</c>, the license id (create), and <c>e</c>, expiresAt (the expiry index build). A string, not a hash of version and JSON: a hash field over 64 bytes
/// (<c>hash-max-listpack-value</c>) turns a hash into a hash table, which cost about 185 bytes more per license.
/// </para>
/// </summary>
internal static class StoredLicenseJson
{
    /// <summary>The record of <paramref name="license"/> at <paramref name="version"/> (1 for a create; a change writes the expected version + 1).</summary>
    public static string Write(License license, long version) => JsonSerializer.Serialize(Record(license, version), StoredRecordJson.Default.LicenseRecord);

    /// <summary><see cref="Write(License, long)"/> as UTF-8 bytes, what Redis stores: no UTF-16 string to build and encode again.</summary>
    public static byte[] WriteUtf8(License license, long version) => JsonSerializer.SerializeToUtf8Bytes(Record(license, version), StoredRecordJson.Default.LicenseRecord);

    private static LicenseRecord Record(License license, long version) => new(
        version, license.Id, license.Key, (int)license.Status, license.ProductId, license.PaymentId, license.CustomerId,
        license.ActivationLimit, license.ActivationMessage, license.InstancesCount, license.ExpiryHours,
        license.ExpiresAt?.ToUnixTimeMilliseconds(), license.FiltersJson, license.Archived,
        license.CreatedAt.ToUnixTimeMilliseconds(), license.UpdatedAt.ToUnixTimeMilliseconds());

    public static License ReadLicense(string businessId, string json)
    {
        var s = JsonSerializer.Deserialize(json, StoredRecordJson.Default.LicenseRecord)!;
        return new License(s.Id, s.Key, (LicenseStatus)s.Status, businessId, s.ProductId, s.PaymentId, s.CustomerId,
            s.ActivationLimit, s.ActivationMessage, s.InstancesCount, s.ExpiryHours,
            s.ExpiresAt is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires) : null, s.FiltersJson, s.Archived,
            DateTimeOffset.FromUnixTimeMilliseconds(s.CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(s.UpdatedAt));
    }

    public static string Write(LicenseInstance instance) => JsonSerializer.Serialize(
        new InstanceRecord(instance.Id, instance.Name, instance.Fingerprint, instance.CreatedAt.ToUnixTimeMilliseconds()),
        StoredRecordJson.Default.InstanceRecord);

    public static LicenseInstance ReadInstance(string json)
    {
        var s = JsonSerializer.Deserialize(json, StoredRecordJson.Default.InstanceRecord)!;
        return new LicenseInstance(s.Id, s.Name, s.Fingerprint, DateTimeOffset.FromUnixTimeMilliseconds(s.CreatedAt));
    }
}

/// <summary>The stored form of a <see cref="License"/> (see <see cref="StoredLicenseJson"/>); <c>v</c> is first on purpose.</summary>
internal sealed record LicenseRecord(
    [property: JsonPropertyName("v")] long Version,
    [property: JsonPropertyName("i")] string Id,
    [property: JsonPropertyName("k")] string Key,
    [property: JsonPropertyName("s")] int Status,
    [property: JsonPropertyName("p")] string? ProductId,
    [property: JsonPropertyName("y")] string? PaymentId,
    [property: JsonPropertyName("c")] string? CustomerId,
    [property: JsonPropertyName("l")] int? ActivationLimit,
    [property: JsonPropertyName("m")] string? ActivationMessage,
    [property: JsonPropertyName("n")] int InstancesCount,
    [property: JsonPropertyName("h")] int? ExpiryHours,
    [property: JsonPropertyName("e")] long? ExpiresAt,
    [property: JsonPropertyName("f")] string? FiltersJson,
    [property: JsonPropertyName("a")] bool Archived,
    [property: JsonPropertyName("t")] long CreatedAt,
    [property: JsonPropertyName("u")] long UpdatedAt);

/// <summary>The stored form of a <see cref="LicenseInstance"/>.</summary>
internal sealed record InstanceRecord(
    [property: JsonPropertyName("i")] string Id,
    [property: JsonPropertyName("n")] string Name,
    [property: JsonPropertyName("f")] string? Fingerprint,
    [property: JsonPropertyName("t")] long CreatedAt);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(LicenseRecord))]
[JsonSerializable(typeof(InstanceRecord))]
internal sealed partial class StoredRecordJson : JsonSerializerContext;
