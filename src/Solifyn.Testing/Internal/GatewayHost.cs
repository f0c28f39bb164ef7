using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Solifyn.Gateway;
using Solifyn.Hosting.Operations;

namespace Solifyn.Testing.Internal;

/// <summary>
/// The service's HTTP gateway, built by the gateway's own setup (<see cref="GatewaySetup.AddSolifynGateway"/>,
/// <see cref="GatewaySetup.UseSolifynGateway"/>, <see cref="OperationsSetup.AddSolifynOperations"/>: every
/// middleware, route, problem mapping and body rule of <c>Solifyn.Gateway</c>), calling grains through the first
/// silo's client as the gateway of the service's embedded mode does through its co-hosted silo, and served by an
/// in-memory <see cref="TestServer"/>.
/// </summary>
internal static class GatewayHost
{
    public static WebApplication Build(Task<IClusterClient> cluster, IConfiguration settings, FakeTimeProvider time,
        Action<IServiceCollection>? configureServices)
    {
        // Empty: no appsettings, environment variables or logging providers of the test process leak in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GatewaySetup).Assembly.GetName().Name,
            EnvironmentName = "Testing",
        });
        builder.Configuration.AddConfiguration(settings);
        builder.WebHost.UseTestServer();
        builder.Services.AddRouting();
        // The cluster may still be deploying while the gateway starts (see DeferredGrainFactory).
        builder.Services.AddSingleton(_ => cluster.GetAwaiter().GetResult());
        builder.Services.AddSingleton<IGrainFactory>(new DeferredGrainFactory(cluster));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.AddSolifynOperations("solifyn-gateway");
        builder.Services.AddSolifynGateway();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseSolifynGateway();
        return app;
    }
}
