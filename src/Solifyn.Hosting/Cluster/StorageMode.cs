using Microsoft.Extensions.Configuration;

namespace Solifyn.Hosting.Cluster;

/// <summary>Where grain state lives: Redis when <c>ConnectionStrings:Redis</c> is set, else process memory.</summary>
public static class StorageMode
{
    public static string? RedisConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Redis") is { Length: > 0 } value ? value : null;

    public static bool IsPersistent(IConfiguration configuration) => RedisConnectionString(configuration) is not null;
}
