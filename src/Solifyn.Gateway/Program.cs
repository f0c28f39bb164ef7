using Solifyn.Gateway;
using Solifyn.Gateway.Cluster;

var builder = WebApplication.CreateBuilder(args);
builder.AddSolifynCluster();
builder.AddSolifynServerLimits();
builder.Services.AddSolifynGateway();

var app = builder.Build();
app.UseSolifynGateway();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
