using Solifyn.Client;
using Solifyn.Samples.DesktopActivation;

// dotnet run --project samples/DesktopActivation -- --business biz_demo --key ABCD-... [--product prod_1] [--deactivate]
//   [--base-url http://localhost:5080] [--state ~/.config/solifyn-sample/activation.json] [--jwks jwks.json]
// --jwks pins the business's public keys (curl http://localhost:5080/v1/businesses/biz_demo/jwks.json > jwks.json);
// a real app builds that file in. Without it, the JWKS fetched from the service is stored beside the token.
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
string Arg(string name, string? fallback = null) => Option(name) ?? fallback ?? throw new ArgumentException($"{name} is required");

var solifyn = new SolifynClient(new SolifynClientOptions { BaseAddress = new Uri(Arg("--base-url", "http://localhost:5080")) });
var licensing = new DesktopLicensing(solifyn, Arg("--business"), Arg("--product", "prod_1"),
    Arg("--state", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "solifyn-sample", "activation.json")),
    TimeProvider.System, Option("--jwks") is { } jwksFile ? File.ReadAllText(jwksFile) : null);

if (args.Contains("--deactivate"))
{
    Console.WriteLine(await licensing.DeactivateAsync() ? "This device's seat is free." : "This device was not activated.");
    return 0;
}

var check = await licensing.CheckAsync();
if (check.State == LicenseState.Unlicensed && check.Code == "NOT_ACTIVATED")
{
    check = await licensing.ActivateAsync(Arg("--key"));
}
Console.WriteLine(check.State switch
{
    LicenseState.Licensed => $"Licensed until {check.LicensedUntil:u} (renewed automatically while online). {check.Message}",
    LicenseState.LicensedOffline => $"Offline; still licensed. {check.Message}",
    _ => $"Not licensed: {check.Code}. {check.Message}",
});
return check.State == LicenseState.Unlicensed ? 1 : 0;
