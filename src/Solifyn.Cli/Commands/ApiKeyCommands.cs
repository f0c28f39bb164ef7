using System.CommandLine;
using Solifyn.Abstractions.ApiKeys;
using Spectre.Console;

namespace Solifyn.Cli.Commands;

public static class ApiKeyCommands
{
    public static Command Build(IAnsiConsole console, TimeProvider clock)
    {
        var command = new Command("apikey", "Create, list, revoke and rotate a business's API keys.");
        var business = new Option<string>("--business") { Description = "Business id.", Required = true, Recursive = true };
        command.Options.Add(business);

        var mode = new Option<ApiKeyMode>("--mode") { Description = "test (sk_test_…) or live (sk_live_…).", DefaultValueFactory = _ => ApiKeyMode.Test };
        var description = new Option<string?>("--description") { Description = "What the key is for." };
        var create = new Command("create", "Create a key. Its secret is shown once, here, and never again.") { mode, description };
        create.SetAction((parse, cancellationToken) => ClusterConnection.RunAsync(parse, async cluster =>
        {
            var created = await cluster.GetGrain<IApiKeyRingGrain>(parse.GetValue(business)!).Create(parse.GetValue(mode), parse.GetValue(description));
            ShowSecret(console, created);
            return ExitCodes.Ok;
        }, cancellationToken));

        var list = new Command("list", "List keys (prefixes only, never secrets).");
        list.SetAction((parse, cancellationToken) => ClusterConnection.RunAsync(parse, async cluster =>
        {
            var keys = await cluster.GetGrain<IApiKeyRingGrain>(parse.GetValue(business)!).List();
            var now = clock.GetUtcNow();
            var table = new Table().AddColumns("id", "prefix", "description", "created", "status");
            foreach (var key in keys)
            {
                var status = key.RevokedAt is null ? "active"
                    : key.IsActive(now) ? $"revoked at {key.RevokedAt:u}" : $"revoked {key.RevokedAt:u}";
                table.AddRow(key.Id, Markup.Escape(key.Prefix + "…"), Markup.Escape(key.Description ?? ""), key.CreatedAt.ToString("u"), status);
            }
            console.Write(table);
            return ExitCodes.Ok;
        }, cancellationToken));

        var keyId = new Argument<string>("key-id") { Description = "The key's id (key_…), from 'apikey list'." };
        var revokeGrace = new Option<string>("--grace") { Description = "Keep it working this long (e.g. 30m, 24h).", DefaultValueFactory = _ => "0" };
        var revoke = new Command("revoke", "Revoke a key (at once, or after --grace).") { keyId, revokeGrace };
        revoke.SetAction((parse, cancellationToken) =>
        {
            if (!Durations.TryParse(parse.GetValue(revokeGrace), out var grace)) return Task.FromResult(BadDuration(console));
            return ClusterConnection.RunAsync(parse, async cluster =>
            {
                var revoked = await cluster.GetGrain<IApiKeyRingGrain>(parse.GetValue(business)!).Revoke(parse.GetValue(keyId)!, grace);
                if (revoked is null) return NotFound(console, parse.GetValue(keyId)!);
                console.MarkupLine($"Key [yellow]{revoked.Id}[/] stops working at {revoked.RevokedAt:u}.");
                return ExitCodes.Ok;
            }, cancellationToken);
        });

        var rotateGrace = new Option<string>("--grace") { Description = "How long the old key keeps working.", DefaultValueFactory = _ => "24h" };
        var rotate = new Command("rotate", "Replace a key: a new secret now, the old one revoked after --grace.") { keyId, rotateGrace };
        rotate.SetAction((parse, cancellationToken) =>
        {
            if (!Durations.TryParse(parse.GetValue(rotateGrace), out var grace)) return Task.FromResult(BadDuration(console));
            return ClusterConnection.RunAsync(parse, async cluster =>
            {
                var replacement = await cluster.GetGrain<IApiKeyRingGrain>(parse.GetValue(business)!).Rotate(parse.GetValue(keyId)!, grace);
                if (replacement is null) return NotFound(console, parse.GetValue(keyId)!);
                ShowSecret(console, replacement);
                console.MarkupLine($"The old key [yellow]{Markup.Escape(parse.GetValue(keyId)!)}[/] stops working in {grace}.");
                return ExitCodes.Ok;
            }, cancellationToken);
        });

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        command.Subcommands.Add(rotate);
        return command;
    }

    private static void ShowSecret(IAnsiConsole console, NewApiKey created)
    {
        console.MarkupLine($"Created key [green]{created.Key.Id}[/]. Its secret is shown [bold]once[/]; store it now:");
        // Plain line, no markup: scripts read it, and the secret must never be mangled by formatting.
        console.Profile.Out.Writer.WriteLine(created.Secret);
    }

    private static int NotFound(IAnsiConsole console, string keyId)
    {
        console.MarkupLine($"[red]No live key '{Markup.Escape(keyId)}' for this business.[/]");
        return ExitCodes.NotFound;
    }

    private static int BadDuration(IAnsiConsole console)
    {
        console.MarkupLine("[red]--grace takes a duration such as 0, 90s, 30m, 24h or 7d.[/]");
        return ExitCodes.Usage;
    }
}
