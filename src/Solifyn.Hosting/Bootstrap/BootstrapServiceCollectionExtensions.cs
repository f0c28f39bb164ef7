using Microsoft.Extensions.DependencyInjection;

namespace Solifyn.Hosting.Bootstrap;

public static class BootstrapServiceCollectionExtensions
{
    /// <summary>Register after UseOrleans/UseOrleansClient: hosted services start in order, and this one needs the cluster.</summary>
    public static IServiceCollection AddSolifynBootstrap(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section)
            .Validate(o => o.BusinessId is null || Solifyn.Domain.Businesses.BusinessIdRules.IsValid(o.BusinessId),
                $"{BootstrapOptions.Section}:BusinessId must be 1-{Solifyn.Domain.Businesses.BusinessIdRules.MaxLength} letters, digits, '_' or '-'.")
            .Validate(o => o.ApiKey is null || Solifyn.Domain.ApiKeys.ApiKeyHash.IsPlausible(o.ApiKey),
                $"{BootstrapOptions.Section}:ApiKey must be {Solifyn.Domain.ApiKeys.ApiKeyHash.MinKeyLength}-{Solifyn.Domain.ApiKeys.ApiKeyHash.MaxKeyLength} printable ASCII characters.")
            .ValidateOnStart();
        services.AddHostedService<BootstrapHostedService>();
        return services;
    }
}
