using Microsoft.Extensions.Hosting;
using Solifyn.Hosting.Cluster;

// A silo process. Run several against one Redis (each with its own Solifyn__Cluster__SiloPort and
// Solifyn__Cluster__GatewayPort) and point gateways at them with Solifyn__Gateway__Mode=Client.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.UseSolifynSilo(builder.Configuration));
builder.Build().Run();
