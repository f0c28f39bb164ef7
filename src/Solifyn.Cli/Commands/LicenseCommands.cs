using System.CommandLine;
using Solifyn.Abstractions.Licenses;
using Solifyn.Cli.Import;
using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Licensing;
using Spectre.Console;

namespace Solifyn.Cli.Commands;

public static class LicenseCommands
{
    public static Command Build(IAnsiConsole console, TimeProvider clock)
    {
        var command = new Command("licenses", "Bulk license operations.");
        var business = new Option<string>("--business") { Description = "Business id.", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "CSV with a header of API field names: productId,customerId[,key,activationLimit,expiryHours,activationMessage,paymentId,filters].", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Rows per cluster call (1-1000).", DefaultValueFactory = _ => 500 };
        var parallel = new Option<int>("--parallel") { Description = "Batches in flight at once.", DefaultValueFactory = _ => 4 };
        var statePath = new Option<string?>("--state") { Description = "Checkpoint file (default: <file>.import.json). It holds the import's secret: keep it private." };
        var rejectedPath = new Option<string?>("--rejected") { Description = "Report of rejected rows (default: <file>.rejected.csv)." };
        var restart = new Option<bool>("--restart") { Description = "Ignore an existing checkpoint and start a new import." };
        var import = new Command("import", "Import licenses from CSV: resumable (re-run the same command after an interruption) and idempotent.")
        {
            business, file, batch, parallel, statePath, rejectedPath, restart,
        };
        import.SetAction((parse, cancellationToken) =>
        {
            var csv = parse.GetValue(file)!;
            if (!csv.Exists)
            {
                console.MarkupLine($"[red]No file {Markup.Escape(csv.FullName)}.[/]");
                return Task.FromResult(ExitCodes.Usage);
            }
            var options = new ImportOptions(
                parse.GetValue(business)!, csv.FullName,
                parse.GetValue(statePath) ?? csv.FullName + ".import.json",
                parse.GetValue(rejectedPath) ?? csv.FullName + ".rejected.csv",
                Math.Clamp(parse.GetValue(batch), 1, 1_000), Math.Clamp(parse.GetValue(parallel), 1, 64), parse.GetValue(restart));
            return ClusterConnection.RunAsync(parse, async cluster =>
            {
                var importer = new LicenseCsvImporter(cluster, clock);
                ImportSummary? summary = null;
                try
                {
                    await console.Progress().AutoClear(false).StartAsync(async progress =>
                    {
                        var task = progress.AddTask("Importing licenses");
                        summary = await importer.RunAsync(options, (done, total) =>
                        {
                            task.MaxValue = Math.Max(1, total);
                            task.Value = done;
                        }, cancellationToken);
                    });
                }
                catch (ImportException exception)
                {
                    console.MarkupLine($"[red]{Markup.Escape(exception.Message)}[/]");
                    return ExitCodes.Failed;
                }
                var s = summary!;
                console.MarkupLine(
                    $"Imported {s.Imported} of {s.Rows} rows, rejected {s.Rejected}" +
                    (s.ResumedAfter > 0 ? $" (resumed after row {s.ResumedAfter})" : "") +
                    $", {s.Elapsed.TotalSeconds:0.0} s, {s.RowsPerSecond:0} rows/s.");
                if (s.Rejected > 0) console.MarkupLine($"Rejected rows: {Markup.Escape(options.RejectedPath)}");
                return s.Rejected > 0 ? ExitCodes.CompletedWithRejections : ExitCodes.Ok;
            }, cancellationToken);
        });
        command.Subcommands.Add(import);
        command.Subcommands.Add(BuildCheckout(console));
        return command;
    }

    /// <summary>
    /// <c>licenses checkout &lt;licenseId&gt; --business … --out license.jwt</c>: a signed license token for support staff
    /// to hand to a customer who is offline; the same token POST /v1/licenses/checkout gives.
    /// </summary>
    private static Command BuildCheckout(IAnsiConsole console)
    {
        var licenseId = new Argument<string>("licenseId") { Description = "The license (lic_…)." };
        var business = new Option<string>("--business") { Description = "Business id.", Required = true };
        var instance = new Option<string?>("--instance") { Description = "An active instance of the license (lki_…) to name in the token." };
        var ttl = new Option<int>("--ttl-hours")
        {
            Description = $"Hours the token is valid (1-{CheckoutRequest.MaxTtlHours}); never past the license's expiresAt.",
            DefaultValueFactory = _ => CheckoutRequest.DefaultTtlHours,
        };
        var output = new Option<FileInfo>("--out") { Description = "File to write the token (compact JWS) to.", Required = true };
        var checkout = new Command("checkout", "Write a signed license token (JWS) of a license, for offline use.") { licenseId, business, instance, ttl, output };
        checkout.SetAction((parse, cancellationToken) =>
        {
            var hours = parse.GetValue(ttl);
            if (hours is < 1 or > CheckoutRequest.MaxTtlHours)
            {
                console.MarkupLine($"[red]--ttl-hours must be 1-{CheckoutRequest.MaxTtlHours}.[/]");
                return Task.FromResult(ExitCodes.Usage);
            }
            return ClusterConnection.RunAsync(parse, async cluster =>
            {
                var id = parse.GetValue(licenseId)!;
                var grainKey = PrefixedId.IsWellFormed(id, PrefixedId.License)
                    ? await cluster.GetGrain<ILicenseQueryGrain>(0).FindLicenseGrainKey(parse.GetValue(business)!, id)
                    : null;
                if (grainKey is null)
                {
                    console.MarkupLine($"[red]Business '{Markup.Escape(parse.GetValue(business)!)}' has no license '{Markup.Escape(id)}'.[/]");
                    return ExitCodes.NotFound;
                }
                var result = await cluster.GetGrain<ILicenseGrain>(grainKey).Checkout(parse.GetValue(instance), null, hours);
                if (result.ErrorCode is { } code)
                {
                    console.MarkupLine($"[red]Refused: {Markup.Escape(code)}.[/]");
                    return code is LicenseCodes.LicenseNotFound or LicenseCodes.InstanceNotFoundError ? ExitCodes.NotFound : ExitCodes.Failed;
                }
                var file = parse.GetValue(output)!;
                await File.WriteAllTextAsync(file.FullName, result.Token + "\n", cancellationToken);
                console.MarkupLine($"Wrote a license token of [green]{Markup.Escape(id)}[/] to {Markup.Escape(file.FullName)}, valid until {result.ExpiresAt!.Value:u}.");
                return ExitCodes.Ok;
            }, cancellationToken);
        });
        return checkout;
    }
}
