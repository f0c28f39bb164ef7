using System.CommandLine;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Signing;
using Spectre.Console;

namespace Solifyn.Cli.Commands;

/// <summary>
/// <c>signing-keys list|remove</c>: a business's license-token signing keys. Removing a PREVIOUS key takes it out of
/// the JWKS before its 90 days are up (tokens it signed stop verifying once verifiers reread the JWKS); the CURRENT key
/// cannot be removed (rotate first, with POST /v1/business/signing-keys/rotate).
/// </summary>
public static class SigningKeyCommands
{
    public static Command Build(IAnsiConsole console)
    {
        var command = new Command("signing-keys", "List and remove a business's license-token signing keys.");

        var listBusiness = new Option<string>("--business") { Description = "Business id.", Required = true };
        var list = new Command("list", "List the business's signing keys, newest first (never private material).") { listBusiness };
        list.SetAction((parse, cancellationToken) => ClusterConnection.RunAsync(parse, async cluster =>
        {
            var businessId = parse.GetValue(listBusiness)!;
            if (await cluster.GetGrain<IBusinessGrain>(businessId).GetInfo() is null)
            {
                console.MarkupLine($"[red]No business '{Markup.Escape(businessId)}'.[/]");
                return ExitCodes.NotFound;
            }
            var table = new Table().AddColumns("kid", "status", "created", "retired", "listed until");
            foreach (var key in await cluster.GetGrain<ISigningKeyGrain>(businessId).List())
            {
                table.AddRow(Markup.Escape(key.Kid), key.Status == SigningKeyStatus.Current ? "CURRENT" : "PREVIOUS", key.CreatedAt.ToString("u"),
                    key.RetiredAt?.ToString("u") ?? "", key.ListedUntil?.ToString("u") ?? "");
            }
            console.Write(table);
            return ExitCodes.Ok;
        }, cancellationToken));

        var removeBusiness = new Option<string>("--business") { Description = "Business id.", Required = true };
        var kid = new Option<string>("--kid") { Description = "The key to remove (a PREVIOUS key).", Required = true };
        var remove = new Command("remove", "Remove a PREVIOUS signing key from the business's JWKS now. The CURRENT key cannot be removed.") { removeBusiness, kid };
        remove.SetAction((parse, cancellationToken) => ClusterConnection.RunAsync(parse, async cluster =>
        {
            var businessId = parse.GetValue(removeBusiness)!;
            var keyId = parse.GetValue(kid)!;
            switch (await cluster.GetGrain<ISigningKeyGrain>(businessId).RemoveKey(keyId))
            {
                case SigningKeyRemoval.Removed:
                    console.MarkupLine($"Removed signing key [green]{Markup.Escape(keyId)}[/] of {Markup.Escape(businessId)}.");
                    return ExitCodes.Ok;
                case SigningKeyRemoval.IsCurrent:
                    console.MarkupLine($"[red]{Markup.Escape(keyId)} is the CURRENT key of {Markup.Escape(businessId)} and cannot be removed. " +
                                       "Rotate first (POST /v1/business/signing-keys/rotate), then remove it.[/]");
                    return ExitCodes.Usage;
                default:
                    console.MarkupLine($"[red]Business '{Markup.Escape(businessId)}' lists no signing key '{Markup.Escape(keyId)}'.[/]");
                    return ExitCodes.NotFound;
            }
        }, cancellationToken));

        command.Subcommands.Add(list);
        command.Subcommands.Add(remove);
        return command;
    }
}
