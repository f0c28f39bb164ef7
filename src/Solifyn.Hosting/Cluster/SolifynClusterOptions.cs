namespace Solifyn.Hosting.Cluster;

/// <summary>Cluster identity and silo endpoints, bound from <c>Solifyn:Cluster</c>.</summary>
public sealed class SolifynClusterOptions
{
    public const string Section = "Solifyn:Cluster";

    /// <summary>
    /// Orleans ServiceId: part of every Redis state key, so it must stay the same across deployments of one
    /// installation or the data "disappears". Set explicitly (never left to a default).
    /// </summary>
    public string ServiceId { get; set; } = "solifyn";

    /// <summary>Orleans ClusterId: silos and clients with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "solifyn";

    /// <summary>Silo-to-silo port. Give each silo process on one machine its own.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (the gateway in client mode) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How long a grain call may take before the caller gives up (Orleans' default is 30 s). A timeout does not prove
    /// the call did not run: callers answer 503 and clients retry with an Idempotency-Key.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many grain locations a silo caches (Orleans' default is 1,000,000).</summary>
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>The address silos advertise to each other and to clients.</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";
}
