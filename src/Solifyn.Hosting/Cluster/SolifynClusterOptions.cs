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

    /// <summary>
    /// How often a client (the gateway in client mode, the CLI) rereads which silos accept its calls (Orleans' default is
    /// one minute). A rolling restart stalls a client's calls through a stopping silo until the next read.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many grain locations a silo caches (Orleans' default is 1,000,000).</summary>
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>The address silos advertise to each other and to clients: an IP, or a host name resolved at start.</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface (containers), not only the advertised address.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>
    /// Run under Kubernetes (Orleans' Kubernetes hosting): the advertised address is the pod's (POD_IP), the cluster
    /// identity may come from ORLEANS_SERVICE_ID / ORLEANS_CLUSTER_ID, and silos of deleted pods are removed at once.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>Reads and validates the section; a bad value stops the process at start with a message naming it.</summary>
    public static SolifynClusterOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        SolifynClusterOptions options;
        try
        {
            options = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<SolifynClusterOptions>(configuration.GetSection(Section)) ?? new();
        }
        catch (InvalidOperationException exception)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(Section, typeof(SolifynClusterOptions),
                [$"{Section}: {exception.Message}"]);
        }
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(Section, typeof(SolifynClusterOptions), errors);
        }
        return options;
    }

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ServiceId)) yield return $"{Section}:ServiceId must not be empty.";
        if (string.IsNullOrWhiteSpace(ClusterId)) yield return $"{Section}:ClusterId must not be empty.";
        if (SiloPort is < 1 or > 65535) yield return $"{Section}:SiloPort must be 1-65535, not {SiloPort}.";
        if (GatewayPort is < 1 or > 65535) yield return $"{Section}:GatewayPort must be 1-65535, not {GatewayPort}.";
        if (SiloPort == GatewayPort) yield return $"{Section}:SiloPort and GatewayPort must differ.";
        if (ResponseTimeout <= TimeSpan.Zero || ResponseTimeout > TimeSpan.FromMinutes(5))
            yield return $"{Section}:ResponseTimeout must be between 0 and 5 minutes, not {ResponseTimeout}.";
        if (GatewayListRefreshPeriod <= TimeSpan.Zero || GatewayListRefreshPeriod > TimeSpan.FromMinutes(5))
            yield return $"{Section}:GatewayListRefreshPeriod must be between 0 and 5 minutes, not {GatewayListRefreshPeriod}.";
        if (DirectoryCacheSize < 1) yield return $"{Section}:DirectoryCacheSize must be at least 1.";
        if (string.IsNullOrWhiteSpace(AdvertisedIPAddress)) yield return $"{Section}:AdvertisedIPAddress must not be empty.";
    }

    /// <summary>The advertised address as an IP: parsed, or the first IPv4 address its host name resolves to.</summary>
    public System.Net.IPAddress ResolveAdvertisedAddress()
    {
        if (System.Net.IPAddress.TryParse(AdvertisedIPAddress, out var address)) return address;
        try
        {
            var addresses = System.Net.Dns.GetHostAddresses(AdvertisedIPAddress);
            return addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses.First();
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(Section, typeof(SolifynClusterOptions),
                [$"{Section}:AdvertisedIPAddress '{AdvertisedIPAddress}' is not an IP address and does not resolve."]);
        }
    }
}
