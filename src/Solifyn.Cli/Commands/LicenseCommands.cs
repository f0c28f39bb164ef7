using System.CommandLine;
using Solifyn.Cli.Import;
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
        return command;
    }
}
