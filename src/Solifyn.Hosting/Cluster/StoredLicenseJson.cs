using System.Text.Json.Serialization;
using Solifyn.Domain.Licensing;

namespace Solifyn.Hosting.Cluster;

/// <summary>
/// How licenses and instances are written into Redis by <see cref="RedisLicenseStore"/>: camelCase JSON without null
/// fields (a record is read back with every absent field null), source-generated. <see cref="License.Tally"/> is
/// derived and not stored. The Lua scripts read one field of it: <c>id</c>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(License))]
[JsonSerializable(typeof(LicenseInstance))]
internal sealed partial class StoredLicenseJson : JsonSerializerContext;
