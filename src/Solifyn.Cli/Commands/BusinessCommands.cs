using System.CommandLine;
using Solifyn.Abstractions.Businesses;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Identifiers;
using Spectre.Console;

namespace Solifyn.Cli.Commands;

public static class BusinessCommands
{
    public static Command Build(IAnsiConsole console)
    {
        var command = new Command("business", "Create, list and show businesses.");

        var id = new Option<string?>("--id") { Description = "Business id (letters, digits, '_' or '-'); default: a new biz_… id." };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var create = new Command("create", "Create a business (idempotent: an existing id is shown, not changed).") { id, name };
        create.SetAction((parse, cancellationToken) => ClusterConnection.RunAsync(parse, async cluster =>
        {
            var businessId = parse.GetValue(id) ?? PrefixedId.New(PrefixedId.Business);
            if (!BusinessIdRules.IsValid(businessId))
            {
                console.MarkupLine($"[red]--id must be 1-{BusinessIdRules.MaxLength} letters, digits, '_' or '-'.[/]");
                return ExitCodes.Usage;
            }
            var result = await cluster.GetGrain<IBusinessGrain>(businessId).Create(parse.GetValue(name));
            console.MarkupLine(result.Created
                ? $"Created business [green]{Markup.Escape(businessId)}[/]."
                : $"Business [yellow]{Markup.Escape(businessId)}[/] already exists (unchanged).");
            Show(console, [result.Business]);
            return ExitCodes.Ok;
        }, cancellationToken));

        var limit = new Option<int>("--limit") { Description = "Businesses per page (1-100).", DefaultValueFactory = _ => 50 };
        var after = new Option<string?>("--starting-after") { Description = "Last id of the previous page." };
        var all = new Option<bool>("--all") { Description = "Every page, not only the first." };
        var list = new Command("list", "List businesses in id order.") { limit, after, all };
        list.SetAction((parse, cancellationToken) => ClusterConnection.RunAsync(parse, async cluster =>
        {
            var directory = cluster.GetGrain<IBusinessDirectoryGrain>(0);
            var cursor = parse.GetValue(after);
            var rows = new List<BusinessInfo>();
            BusinessPage page;
            do
            {
                page = await directory.List(cursor, parse.GetValue(limit));
                rows.AddRange(page.Data);
                cursor = page.Data.Count > 0 ? page.Data[^1].Id : null;
            } while (parse.GetValue(all) && page.HasMore && cursor is not null);
            Show(console, rows);
            if (page.HasMore && !parse.GetValue(all)) console.MarkupLine($"More: --starting-after {Markup.Escape(cursor ?? "")}");
            return ExitCodes.Ok;
        }, cancellationToken));

        var showId = new Argument<string>("id") { Description = "Business id." };
        var show = new Command("show", "Show a business and its counters.") { showId };
        show.SetAction((parse, cancellationToken) => ClusterConnection.RunAsync(parse, async cluster =>
        {
            var info = await cluster.GetGrain<IBusinessGrain>(parse.GetValue(showId)!).GetInfo();
            if (info is null)
            {
                console.MarkupLine($"[red]No business '{Markup.Escape(parse.GetValue(showId)!)}'.[/]");
                return ExitCodes.NotFound;
            }
            Show(console, [info]);
            return ExitCodes.Ok;
        }, cancellationToken));

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        return command;
    }

    private static void Show(IAnsiConsole console, IReadOnlyList<BusinessInfo> businesses)
    {
        var table = new Table().AddColumns("id", "name", "created", "issued", "active", "seats in use");
        foreach (var b in businesses)
        {
            table.AddRow(Markup.Escape(b.Id), Markup.Escape(b.Name ?? ""), b.CreatedAt.ToString("u"),
                b.Counters.Issued.ToString(), b.Counters.Active.ToString(), b.Counters.ActiveInstances.ToString());
        }
        console.Write(table);
    }
}
