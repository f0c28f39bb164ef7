using Solifyn.Gateway;
using Solifyn.Gateway.Cluster;
using Solifyn.Hosting.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddSolifynCluster();
builder.AddSolifynServerLimits();
builder.Services.AddSolifynGateway();

var app = builder.Build();
app.UseSolifynGateway();
app.RunWithBoundedShutdown();   // SIGTERM ends the process within Solifyn__Shutdown__Timeout, Redis or not

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
