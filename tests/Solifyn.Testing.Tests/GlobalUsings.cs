global using System.Net;
global using Orleans;
global using Solifyn.Client;
global using Solifyn.TestSupport;
global using Xunit.Abstractions;
