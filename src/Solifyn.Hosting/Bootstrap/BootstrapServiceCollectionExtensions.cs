using Microsoft.Extensions.DependencyInjection;

namespace Solifyn.Hosting.Bootstrap;

public static class BootstrapServiceCollectionExtensions
{
    /// <summary>Register after UseOrleans/UseOrleansClient: hosted services start in order, and this one needs the cluster.</summary>
    public static IServiceCollection AddSolifynBootstrap(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddHostedService<BootstrapHostedService>();
        return services;
    }
}
