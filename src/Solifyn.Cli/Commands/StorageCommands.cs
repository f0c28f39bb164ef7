using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Solifyn.Hosting.Cluster;
using Spectre.Console;

namespace Solifyn.Cli.Commands;

/// <summary><c>storage migrate</c>: moves licenses stored before the atomic storage step into the current layout.</summary>
public static class StorageCommands
{
    public static Command Build(IAnsiConsole console)
    {
        var command = new Command("storage", "Storage maintenance.");
        var migrate = new Command("migrate",
            "Move licenses stored by versions before the atomic storage step (grain-state hashes under {ServiceId}/state/license/) " +
            "into the current layout, with their instances, id bindings, index entries and exact counters. Idempotent and " +
            "resumable; old keys are left in place. Talks to Redis directly (--redis or $ConnectionStrings__Redis); it can run " +
            "while the cluster serves, but licenses created in the old layout meanwhile need another run.");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = parse.GetValue(ClusterConnection.Redis) ?? Environment.GetEnvironmentVariable("ConnectionStrings__Redis");
            if (string.IsNullOrWhiteSpace(configuration))
            {
                console.MarkupLine("[red]Name the Redis to migrate with --redis or $ConnectionStrings__Redis.[/]");
                return ExitCodes.Usage;
            }
            var serviceId = parse.GetValue(ClusterConnection.ServiceId) ?? Environment.GetEnvironmentVariable("Solifyn__Cluster__ServiceId") ?? "solifyn";

            await using var redis = new RedisConnection(configuration);
            var multiplexer = await redis.GetAsync();
            await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
            var store = new RedisLicenseStore(redis, Options.Create(new ClusterOptions { ServiceId = serviceId }), NullLogger<RedisLicenseStore>.Instance);
            var migration = new LegacyLayoutMigration(multiplexer, store, serviceId, services.GetRequiredService<Serializer>());

            var report = await migration.RunAsync(new Progress<int>(n => console.MarkupLine($"[grey]{n} old records examined…[/]")), cancellationToken);
            console.MarkupLine($"Migrated [green]{report.Migrated}[/] licenses; [yellow]{report.AlreadyMigrated}[/] were already migrated; " +
                               $"{report.Vacant} old records held no license; [red]{report.Conflicts.Count}[/] conflicts.");
            foreach (var conflict in report.Conflicts)
            {
                console.MarkupLine($"[red]conflict[/] {Markup.Escape(conflict)}: another license of its business holds this key ignoring case; left in the old layout.");
            }
            return report.Conflicts.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        command.Subcommands.Add(migrate);
        return command;
    }
}
