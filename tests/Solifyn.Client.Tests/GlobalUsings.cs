global using Orleans;
global using Solifyn.Client;
