using Solifyn.Hosting.Operations;
using Solifyn.Hosting.Bootstrap;
using Solifyn.Hosting.Cluster;

namespace Solifyn.Gateway.Cluster;

/// <summary>How the gateway reaches grains, from <c>Solifyn:Gateway:Mode</c>.</summary>
public enum GatewayMode
{
    /// <summary>The default: a silo runs inside the gateway process (one process, nothing else to start).</summary>
    CoHosted,

    /// <summary>The gateway is an Orleans client of separate <c>Solifyn.Silo</c> processes (requires Redis clustering to scale out).</summary>
    Client,
}

public static class GatewayClusterSetup
{
    public const string ModeKey = "Solifyn:Gateway:Mode";

    public static GatewayMode Mode(IConfiguration configuration)
    {
        var value = configuration[ModeKey];
        if (string.IsNullOrEmpty(value)) return GatewayMode.CoHosted;
        return Enum.TryParse<GatewayMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new InvalidOperationException($"{ModeKey} must be 'CoHosted' or 'Client', not '{value}'.");
    }

    public static WebApplicationBuilder AddSolifynCluster(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (Mode(configuration) == GatewayMode.Client)
        {
            builder.UseOrleansClient(client => client.UseSolifynClient(configuration));
        }
        else
        {
            builder.UseOrleans(silo => silo.UseSolifynSilo(configuration));
        }
        builder.Services.AddSolifynBootstrap();
        builder.AddSolifynOperations("solifyn-gateway");
        return builder;
    }
}
