using Microsoft.Extensions.Options;
using Solifyn.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="SolifynClient"/> with dependency injection.</summary>
public static class SolifynServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SolifynClient"/> as a typed client of IHttpClientFactory (named
    /// <see cref="SolifynClient.HttpClientName"/>), configured by <paramref name="configure"/>.
    /// </summary>
    /// <returns>The HTTP client builder, to add handlers or set the primary handler.</returns>
    /// <example><code>
    /// services.AddSolifynClient(o =>
    /// {
    ///     o.ApiKey = configuration["Solifyn:ApiKey"];
    ///     o.BaseAddress = new Uri("https://api.example.com/");
    /// });
    /// </code></example>
    public static IHttpClientBuilder AddSolifynClient(this IServiceCollection services, Action<SolifynClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SolifynClientOptions>().Configure(configure);
        return services
            // The client bounds each attempt itself (SolifynClientOptions.Timeout); HttpClient's own 100-second limit
            // would otherwise cut across its retries.
            .AddHttpClient(SolifynClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddTypedClient((http, provider) => new SolifynClient(provider.GetRequiredService<IOptions<SolifynClientOptions>>().Value, http));
    }
}
