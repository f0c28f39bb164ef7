using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Solifyn.Abstractions.ApiKeys;
using Solifyn.Abstractions.Businesses;
using Solifyn.Domain.ApiKeys;
using Solifyn.Domain.Businesses;
using Solifyn.Hosting.Cluster;

namespace Solifyn.Hosting.Bootstrap;

/// <summary>
/// Makes the bootstrap business and API key exist once the cluster is reachable. With neither configured and
/// storage in memory, it invents a key and prints it once to standard output (not to the log pipeline, which must
/// never carry secrets) so a new user can call the API at once.
/// </summary>
public sealed class BootstrapHostedService(
    IGrainFactory grains,
    IOptions<BootstrapOptions> options,
    IConfiguration configuration,
    ILogger<BootstrapHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var businessId = options.Value.BusinessId;
        var apiKey = options.Value.ApiKey;
        var generated = false;
        if (businessId is null && apiKey is null)
        {
            if (StorageMode.IsPersistent(configuration))
            {
                logger.LogInformation("No bootstrap business configured (Solifyn__Bootstrap__BusinessId / __ApiKey)");
                return;
            }
            businessId = BootstrapOptions.DefaultBusinessId;
            apiKey = ApiKeyHash.NewKey("sk_test_");
            generated = true;
        }
        businessId ??= BootstrapOptions.DefaultBusinessId;
        if (!BusinessIdRules.IsValid(businessId))
        {
            throw new InvalidOperationException(
                $"Solifyn:Bootstrap:BusinessId must be 1-{BusinessIdRules.MaxLength} letters, digits, '_' or '-'.");
        }
        if (!ApiKeyHash.IsPlausible(apiKey))
        {
            throw new InvalidOperationException(
                $"Solifyn:Bootstrap:ApiKey must be {ApiKeyHash.MinKeyLength}-{ApiKeyHash.MaxKeyLength} printable ASCII characters.");
        }

        var hash = ApiKeyHash.Of(apiKey!);
        var registered = await RetryTransientAsync(async () =>
        {
            await grains.GetGrain<IBusinessGrain>(businessId).EnsureCreated();
            return await grains.GetGrain<IApiKeyGrain>(hash.LookupId).Register(businessId, hash.Value);
        }, cancellationToken);
        if (!registered)
        {
            throw new InvalidOperationException("Solifyn:Bootstrap:ApiKey is already registered to another business.");
        }
        logger.LogInformation("Bootstrap business {BusinessId} and its API key are ready", businessId);
        if (generated)
        {
            Console.WriteLine();
            Console.WriteLine($"  Solifyn embedded mode: business {businessId}, API key (shown once): {apiKey}");
            Console.WriteLine($"  curl -H 'Authorization: Bearer {apiKey}' -H 'Content-Type: application/json' \\");
            Console.WriteLine("       -d '{\"productId\":\"prod_1\",\"customerId\":\"cust_1\"}' http://localhost:5080/v1/licenses");
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>How long start-up keeps retrying a bootstrap step that failed on a transient cluster error.</summary>
    private static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The cluster may be mid-change when this process starts (a silo just died and is not yet declared dead, Redis
    /// restarting): retry for a while rather than fail start-up. Both steps are idempotent.
    /// </summary>
    private async Task<T> RetryTransientAsync<T>(Func<Task<T>> step, CancellationToken cancellationToken)
    {
        // Real elapsed time, not the service's clock: a retry deadline must pass even when a test freezes that clock.
        var started = TimeProvider.System.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step();
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException
                                               && TimeProvider.System.GetElapsedTime(started) < RetryFor)
            {
                logger.LogWarning("Bootstrap attempt {Attempt} failed ({ExceptionType}); retrying", attempt, exception.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 200 * attempt)), cancellationToken);
            }
        }
    }
}
