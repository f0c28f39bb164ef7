using Microsoft.Extensions.DependencyInjection;

namespace Solifyn.Testing;

/// <summary>How <see cref="SolifynTestServer.StartAsync"/> sets up a server. Every property has a working default.</summary>
public sealed class SolifynTestServerOptions
{
    /// <summary>The business <see cref="SolifynTestServer.Client"/> is authenticated as, when none is set.</summary>
    public const string DefaultBusinessId = "biz_test";

    /// <summary>How many Orleans silos the cluster has: 1 to 10 (default 1). Grains are spread over them as in production.</summary>
    public int Silos { get; set; } = 1;

    /// <summary>
    /// The business made at start, which <see cref="SolifynTestServer.Client"/> is authenticated as (default
    /// <c>biz_test</c>): 1-64 letters, digits, <c>_</c> or <c>-</c>.
    /// </summary>
    public string BusinessId { get; set; } = DefaultBusinessId;

    /// <summary>
    /// The business's API key: 16-256 printable ASCII characters. When null (the default) a random
    /// <c>sk_test_...</c> key is made; read it from <see cref="SolifynTestServer.ApiKey"/>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Where the service's fake clock (<see cref="SolifynTestServer.Time"/>) starts; when null (the default), the
    /// real time at start, to the whole millisecond (the service stamps times to the millisecond, so a license
    /// created at once has <c>CreatedAt == Time.GetUtcNow()</c>). The clock stands still until the test advances it.
    /// </summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>
    /// Whether the service's rate limits apply (default false: a test may call as fast as it likes). When true, the
    /// service's production limits apply (per API key 1,000/s, burst 2,000; per client address the same; per license
    /// key 100/s, burst 200), each adjustable through <see cref="Settings"/>
    /// (<c>Solifyn:RateLimits:LicenseKeyPerSecond</c>, ...); over a limit the service answers 429 <c>RATE_LIMITED</c>.
    /// </summary>
    public bool RateLimits { get; set; }

    /// <summary>
    /// The service's settings, by configuration key, as its README lists them with <c>:</c> for <c>__</c>
    /// (<c>Solifyn:Grains:IdempotencyRetention</c> = <c>"01:00:00"</c>, <c>Solifyn:RateLimits:ApiKeyPerSecond</c>, ...).
    /// Applied to the gateway and every silo, over the defaults and over <see cref="RateLimits"/>. Storage settings
    /// (<c>ConnectionStrings:Redis</c>) are ignored: a test server always keeps its state in memory.
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Called with the service container of the gateway and of every silo (so once per container), after the
    /// service's own registrations: a registration made here replaces the service's (logging providers, say:
    /// <c>services.AddLogging(b => b.AddConsole())</c>; by default the server logs nothing).
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}
