using System.CommandLine;
using Solifyn.Cli.Commands;
using Spectre.Console;

namespace Solifyn.Cli;

/// <summary>
/// <c>solifyn-admin</c>: operators' tool. It talks to the cluster as an Orleans client (never over the public HTTP
/// API), so it works before any API key exists and bulk work skips per-row HTTP.
/// </summary>
public static class SolifynCli
{
    public static RootCommand Build(IAnsiConsole console, TimeProvider clock)
    {
        var root = new RootCommand("Solifyn administration: businesses, API keys, bulk license import, license tokens and signing keys.");
        ClusterConnection.AddTo(root);
        root.Subcommands.Add(BusinessCommands.Build(console));
        root.Subcommands.Add(ApiKeyCommands.Build(console, clock));
        root.Subcommands.Add(LicenseCommands.Build(console, clock));
        root.Subcommands.Add(SigningKeyCommands.Build(console));
        root.Subcommands.Add(StorageCommands.Build(console));
        return root;
    }
}
