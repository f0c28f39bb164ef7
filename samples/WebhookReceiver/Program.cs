namespace Solifyn.Samples.WebhookReceiver;

/// <summary>
/// <c>Solifyn__WebhookSecret=whsec_... ASPNETCORE_URLS=http://127.0.0.1:5090 dotnet run --project samples/WebhookReceiver</c>:
/// receives at <c>POST /webhooks/solifyn</c>; see README.md for the walk-through. (A class of its own rather than
/// top-level statements, whose <c>Program</c> would clash with the gateway's in tests that load both.)
/// </summary>
internal static class Program
{
    private static void Main(string[] args) => WebhookReceiverApp.Build(WebApplication.CreateBuilder(args)).Run();
}
