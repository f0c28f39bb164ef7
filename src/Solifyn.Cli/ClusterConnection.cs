using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Solifyn.Hosting.Cluster;

namespace Solifyn.Cli;

/// <summary>
/// The CLI is an Orleans client of the cluster, configured like the gateway: environment variables
/// (<c>ConnectionStrings__Redis</c>, <c>Solifyn__Cluster__ServiceId</c>, <c>Solifyn__Cluster__ClusterId</c>), which the
/// global options override.
/// </summary>
public static class ClusterConnection
{
    public static readonly Option<string?> Redis = new("--redis")
    {
        Description = "Redis configuration string of the cluster (default: $ConnectionStrings__Redis; none: a localhost silo).",
        Recursive = true,
    };

    public static readonly Option<string?> ServiceId = new("--service-id")
    {
        Description = "Orleans ServiceId (default: $Solifyn__Cluster__ServiceId or 'solifyn').",
        Recursive = true,
    };

    public static readonly Option<string?> ClusterId = new("--cluster-id")
    {
        Description = "Orleans ClusterId (default: $Solifyn__Cluster__ClusterId or 'solifyn').",
        Recursive = true,
    };

    public static readonly Option<int> ConnectSeconds = new("--connect-timeout")
    {
        Description = "Seconds to keep trying to reach a silo.",
        DefaultValueFactory = _ => 20,
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Redis);
        root.Options.Add(ServiceId);
        root.Options.Add(ClusterId);
        root.Options.Add(ConnectSeconds);
    }

    /// <summary>Connects, runs <paramref name="work"/> with the cluster's grain factory, disconnects.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<IClusterClient, Task<int>> work, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Redis) is { } redis) overrides["ConnectionStrings:Redis"] = redis;
        if (parse.GetValue(ServiceId) is { } serviceId) overrides[SolifynClusterOptions.Section + ":ServiceId"] = serviceId;
        if (parse.GetValue(ClusterId) is { } clusterId) overrides[SolifynClusterOptions.Section + ":ClusterId"] = clusterId;

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables().AddInMemoryCollection(overrides);
        // Only warnings, and on standard error: standard output is the command's answer (and may carry a new API key).
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);   // a failed start is reported below, once
        builder.UseOrleansClient(client => client.UseSolifynClient(builder.Configuration, TimeSpan.FromSeconds(parse.GetValue(ConnectSeconds))));
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or StackExchange.Redis.RedisException)
        {
            await Console.Error.WriteLineAsync($"Cannot reach the cluster ({exception.GetType().Name}: {exception.Message}). " +
                "Check --redis / $ConnectionStrings__Redis, --service-id and --cluster-id.");
            return ExitCodes.Failed;
        }
        try
        {
            return await work(host.Services.GetRequiredService<IClusterClient>());
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            // Refusals from the grains (no such business, too many keys): their message is meant for the operator.
            await Console.Error.WriteLineAsync(exception.Message);
            return ExitCodes.Failed;
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or Solifyn.Abstractions.StorageUnavailableException)
        {
            await Console.Error.WriteLineAsync($"The cluster did not complete the command ({exception.GetType().Name}). It is safe to run it again.");
            return ExitCodes.Failed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
