using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Solifyn.Hosting.Cluster;
using Solifyn.Hosting.Operations;

// A silo process. Run several against one Redis (each with its own Solifyn__Cluster__SiloPort and
// Solifyn__Cluster__GatewayPort) and point gateways at them with Solifyn__Gateway__Mode=Client.
// With Solifyn__Silo__HttpPort set it also serves /healthz, /readyz and /metrics (and the dashboard's data) on it.
// SIGTERM ends it within Solifyn__Shutdown__Timeout (plus a few seconds) even if Redis is gone: see BoundedShutdown.
var httpPort = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build()
    .GetValue<int>(SiloHttpOptions.Section + ":HttpPort");
if (httpPort is < 0 or > 65535)
{
    throw new Microsoft.Extensions.Options.OptionsValidationException(SiloHttpOptions.Section, typeof(SiloHttpOptions),
        [$"{SiloHttpOptions.Section}:HttpPort must be 0 (no HTTP) or a port, not {httpPort}."]);
}

if (httpPort == 0)
{
    var builder = Host.CreateApplicationBuilder(args);
    AddSilo(builder);
    builder.Build().RunWithBoundedShutdown();
}
else
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.WebHost.UseUrls($"http://*:{httpPort}");
    AddSilo(builder);
    var app = builder.Build();
    app.MapSolifynOperations();
    app.RunWithBoundedShutdown();
}

static void AddSilo(IHostApplicationBuilder builder)
{
    builder.UseOrleans(silo => silo.UseSolifynSilo(builder.Configuration));
    builder.AddSolifynOperations("solifyn-silo");
}
