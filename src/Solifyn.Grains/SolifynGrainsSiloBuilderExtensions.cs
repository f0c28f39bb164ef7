using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Solifyn.Grains;

public static class SolifynGrainsServiceCollectionExtensions
{
    /// <summary>Services the grains depend on. Storage is configured by the host (memory or Redis).</summary>
    public static IServiceCollection AddSolifynGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<Telemetry.SolifynMetrics>();
        services.TryAddSingleton(sp => new Webhooks.WebhookWakeups(sp.GetRequiredService<IGrainFactory>()));
        // License-token signing: keys sealed under the master key (Solifyn:Signing:MasterKey; a bad value fails the
        // start naming the setting), signed in each silo with a short-lived cache of opened keys.
        services.AddOptions<Signing.SigningOptions>().BindConfiguration(Signing.SigningOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Signing.SigningOptions>>(new Signing.SigningOptionsValidator(required: false));
        services.TryAddSingleton(sp => new Signing.MasterKeySealer(sp.GetRequiredService<IOptions<Signing.SigningOptions>>().Value.MasterKeyBytes()));
        services.TryAddSingleton<Signing.LicenseTokenSigner>();
        services.AddOptions<SolifynGrainOptions>().BindConfiguration(SolifynGrainOptions.Section)
            .Validate(o => o.IdempotencyRetention >= TimeSpan.FromMinutes(1), $"{SolifynGrainOptions.Section}:IdempotencyRetention must be at least a minute.")
            .Validate(o => o.IdempotencyLease > TimeSpan.Zero && o.IdempotencyLease < o.IdempotencyRetention,
                $"{SolifynGrainOptions.Section}:IdempotencyLease must be positive and shorter than the retention.")
            .Validate(o => o.MaxGeneratedKeyAttempts is >= 1 and <= 20, $"{SolifynGrainOptions.Section}:MaxGeneratedKeyAttempts must be 1-20.")
            .ValidateOnStart();
        services.AddOptions<Webhooks.WebhookOptions>().BindConfiguration(Webhooks.WebhookOptions.Section)
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay && o.RetryWindow > TimeSpan.Zero,
                $"{Webhooks.WebhookOptions.Section}: retry delays and window must be positive, MaxRetryDelay at least FirstRetryDelay.")
            .Validate(o => o.ExpiryPollInterval > TimeSpan.Zero && o.Timeout > TimeSpan.Zero && o.ReminderPeriod > TimeSpan.Zero, $"{Webhooks.WebhookOptions.Section}: intervals must be positive.")
            .ValidateOnStart();
        // The in-process catalog unless the host registers a durable one (the Redis host does, after this call).
        services.TryAddSingleton<Businesses.ICatalogOfBusinesses>(Businesses.InMemoryCatalogOfBusinesses.Shared);
        return services;
    }
}
