using Solifyn.Cli;
using Spectre.Console;

var console = AnsiConsole.Console;
// Piped into a script or a file: tables must not wrap ids and keys at an assumed 80 columns.
if (Console.IsOutputRedirected) console.Profile.Width = 240;
return await SolifynCli.Build(console, TimeProvider.System).Parse(args).InvokeAsync();
