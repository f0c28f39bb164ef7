using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Orleans.TestingHost;
using Solifyn.Abstractions.Businesses;
using Solifyn.TestSupport;

namespace Solifyn.Redis.Tests;

/// <summary>
/// The admin CLI as operators run it: its own process, an Orleans client of a two-silo cluster found through Redis
/// membership, with state in Redis; and the public API (a client-mode gateway) seeing the effect.
/// </summary>
[Collection(RedisCollection.Name)]
public partial class AdminCliTests(RedisFixture redis) : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private WebApplicationFactory<Program> _gateway = null!;
    private Dictionary<string, string> _environment = null!;
    private readonly string _directory = Directory.CreateTempSubdirectory("solifyn-cli-").FullName;

    public async Task InitializeAsync()
    {
        _cluster = await redis.StartClusterAsync(RedisFixture.NewServiceId());
        var options = _cluster.Options;
        _environment = new()
        {
            ["ConnectionStrings__Redis"] = redis.Server.ConnectionString,
            ["Solifyn__Cluster__ServiceId"] = options.ServiceId,
            ["Solifyn__Cluster__ClusterId"] = options.ClusterId,
        };
        _gateway = new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Solifyn:Gateway:Mode", "Client");
            builder.UseSetting("ConnectionStrings:Redis", redis.Server.ConnectionString);
            builder.UseSetting("Solifyn:Cluster:ServiceId", options.ServiceId);
            builder.UseSetting("Solifyn:Cluster:ClusterId", options.ClusterId);
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Businesses_and_api_keys_made_with_the_cli_control_access_to_the_http_api()
    {
        var created = await Cli("business", "create", "--id", "biz_cli_acme", "--name", "Acme Inc");
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("Created business biz_cli_acme", created.Output);
        var again = await Cli("business", "create", "--id", "biz_cli_acme");
        Assert.Contains("already exists", again.Output);
        var listed = await Cli("business", "list");
        Assert.Contains("biz_cli_acme", listed.Output);
        Assert.Contains("Acme Inc", listed.Output);

        var (firstId, firstSecret) = ParseNewKey(await Cli("apikey", "create", "--business", "biz_cli_acme", "--mode", "live"));
        Assert.StartsWith("sk_live_", firstSecret);
        Assert.Equal(HttpStatusCode.OK, await CreateLicenseStatus(firstSecret));

        var keys = await Cli("apikey", "list", "--business", "biz_cli_acme");
        Assert.Contains(firstId, keys.Output);
        Assert.DoesNotContain(firstSecret, keys.Output);

        var (secondId, secondSecret) = ParseNewKey(await Cli("apikey", "rotate", "--business", "biz_cli_acme", firstId, "--grace", "0"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateLicenseStatus(firstSecret));
        Assert.Equal(HttpStatusCode.OK, await CreateLicenseStatus(secondSecret));

        var revoked = await Cli("apikey", "revoke", "--business", "biz_cli_acme", secondId);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateLicenseStatus(secondSecret));
        Assert.Equal(3, (await Cli("apikey", "revoke", "--business", "biz_cli_acme", "key_doesnotexist")).ExitCode);
    }

    [Fact]
    public async Task Csv_import_issues_each_valid_row_once_reports_rejected_rows_and_a_rerun_issues_nothing_more()
    {
        await Cli("business", "create", "--id", "biz_cli_import");
        var csv = WriteCsv(rows: 60);

        var first = await Cli("licenses", "import", "--business", "biz_cli_import", "--file", csv, "--batch-size", "7");
        Assert.Equal(4, first.ExitCode);   // completed, with rejected rows
        Assert.Contains("Imported 57 of 60 rows, rejected 3", first.Output);
        var report = File.ReadAllLines(csv + ".rejected.csv");
        Assert.Equal("row,code,field,detail", report[0]);
        Assert.StartsWith("5,REQUIRED,customerId,", report[1]);
        Assert.StartsWith("7,INVALID_TYPE,activationLimit,", report[2]);
        Assert.StartsWith("10,LICENSE_KEY_EXISTS,key,", report[3]);
        Assert.Equal(57, (await Business("biz_cli_import")).Counters.Issued);

        var second = await Cli("licenses", "import", "--business", "biz_cli_import", "--file", csv);
        Assert.Equal(4, second.ExitCode);
        Assert.Equal(57, (await Business("biz_cli_import")).Counters.Issued);

        // Through the public API, with a key made by the CLI: the imported licenses are there, custom key included.
        var (_, secret) = ParseNewKey(await Cli("apikey", "create", "--business", "biz_cli_import"));
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var page = JsonDocument.Parse(await client.GetStringAsync("/v1/licenses?limit=100&customerId=cust_9")).RootElement;
        var license = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal("DUP-KEY-0009", license.GetProperty("key").GetString());
    }

    [Fact]
    public async Task An_import_resumed_from_an_earlier_checkpoint_reissues_nothing_twice()
    {
        await Cli("business", "create", "--id", "biz_cli_resume");
        var csv = WriteCsv(rows: 40);
        Assert.Equal(4, (await Cli("licenses", "import", "--business", "biz_cli_resume", "--file", csv, "--batch-size", "5")).ExitCode);
        Assert.Equal(37, (await Business("biz_cli_resume")).Counters.Issued);

        // As if the first run had died after its checkpoint at row 10 though rows 11-40 had already been written.
        var statePath = csv + ".import.json";
        var state = File.ReadAllText(statePath);
        state = RowsDone().Replace(state, "\"rowsDone\": 10");
        state = state.Replace("\"completed\": true", "\"completed\": false");
        File.WriteAllText(statePath, state);

        var resumed = await Cli("licenses", "import", "--business", "biz_cli_resume", "--file", csv, "--batch-size", "5");
        Assert.Contains("resumed after row 10", resumed.Output);
        Assert.Equal(37, (await Business("biz_cli_resume")).Counters.Issued);
    }

    [Fact]
    public async Task Csv_import_reports_a_key_differing_only_in_case_as_a_duplicate_in_one_run_and_after_a_resume()
    {
        await Cli("business", "create", "--id", "biz_cli_case");
        var csv = Path.Combine(_directory, $"case-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(csv, ["productId,customerId,key", "prod_1,cust_1,case-key-0001", "prod_1,cust_2,", "prod_1,cust_3,CASE-KEY-0001"]);

        var first = await Cli("licenses", "import", "--business", "biz_cli_case", "--file", csv);
        Assert.Equal(4, first.ExitCode);
        Assert.Contains("Imported 2 of 3 rows, rejected 1", first.Output);
        var report = File.ReadAllLines(csv + ".rejected.csv");
        Assert.Equal(2, report.Length);
        Assert.StartsWith("3,LICENSE_KEY_EXISTS,key,Row 1 of this file has the same key", report[1]);

        // Resumed after row 2: row 1 was settled by the earlier run, so the service decides row 3, by the same rule.
        var statePath = csv + ".import.json";
        var state = RowsDone().Replace(File.ReadAllText(statePath), "\"rowsDone\": 2").Replace("\"completed\": true", "\"completed\": false");
        File.WriteAllText(statePath, state);
        var resumed = await Cli("licenses", "import", "--business", "biz_cli_case", "--file", csv);
        Assert.Equal(4, resumed.ExitCode);
        Assert.Contains("resumed after row 2", resumed.Output);
        report = File.ReadAllLines(csv + ".rejected.csv");
        Assert.Equal(2, report.Length);
        Assert.StartsWith("3,LICENSE_KEY_EXISTS,key,Another license of this business has this key", report[1]);
        Assert.Equal(2, (await Business("biz_cli_case")).Counters.Issued);

        // The imported key is kept as written, and a customer typing it in another case finds it.
        var validation = await _gateway.CreateClient().PostAsync("/v1/licenses/validate",
            Bodies.Json("""{"businessId":"biz_cli_case","key":"Case-Key-0001"}"""));
        var verdict = JsonDocument.Parse(await validation.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("VALID", verdict.GetProperty("code").GetString());
        Assert.Equal("case-key-0001", verdict.GetProperty("license").GetProperty("key").GetString());
    }

    [Fact]
    public async Task The_cli_explains_a_cluster_it_cannot_reach_instead_of_crashing()
    {
        var result = await CliProcess.RunAsync(
            new Dictionary<string, string>(_environment) { ["Solifyn__Cluster__ClusterId"] = "no-such-cluster" },
            "--connect-timeout", "1", "business", "list");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cannot reach the cluster", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Support_staff_check_out_a_token_that_jose_verifies_and_list_and_remove_signing_keys_but_not_the_current_one()
    {
        await Cli("business", "create", "--id", "biz_cli_tokens");
        var (_, secret) = ParseNewKey(await Cli("apikey", "create", "--business", "biz_cli_tokens"));
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var license = JsonDocument.Parse(await (await client.PostAsync("/v1/licenses", Bodies.CreateLicense())).Content.ReadAsStringAsync()).RootElement;
        var licenseId = license.GetProperty("id").GetString()!;
        var file = Path.Combine(_directory, "license.jwt");

        var checkout = await Cli("licenses", "checkout", licenseId, "--business", "biz_cli_tokens", "--ttl-hours", "24", "--out", file);

        Assert.True(checkout.ExitCode == 0, checkout.Output + checkout.Error);
        var jwks = await _gateway.CreateClient().GetStringAsync("/v1/businesses/biz_cli_tokens/jwks.json");
        var (verified, _, payload, output) = await JoseTokenVerifier.VerifyAsync(File.ReadAllText(file).Trim(), jwks, "biz_cli_tokens", "license+jwt");
        Assert.True(verified, output);
        Assert.Equal(licenseId, payload.GetProperty("sub").GetString());
        Assert.Equal(payload.GetProperty("iat").GetInt64() + 24 * 3600, payload.GetProperty("exp").GetInt64());
        Assert.Equal(3, (await Cli("licenses", "checkout", "lic_doesnotexist0000", "--business", "biz_cli_tokens", "--out", file)).ExitCode);

        var first = JsonDocument.Parse(jwks).RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!;
        var current = JsonDocument.Parse(await (await client.PostAsync("/v1/business/signing-keys/rotate", null)).Content.ReadAsStringAsync())
            .RootElement.GetProperty("data")[0].GetProperty("kid").GetString()!;
        var listed = await Cli("signing-keys", "list", "--business", "biz_cli_tokens");
        Assert.Contains(first, listed.Output);
        Assert.Contains(current, listed.Output);

        var refused = await Cli("signing-keys", "remove", "--business", "biz_cli_tokens", "--kid", current);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("CURRENT", refused.Output);
        Assert.Equal(0, (await Cli("signing-keys", "remove", "--business", "biz_cli_tokens", "--kid", first)).ExitCode);
        Assert.DoesNotContain(first, (await Cli("signing-keys", "list", "--business", "biz_cli_tokens")).Output);
        Assert.DoesNotContain(first, await _gateway.CreateClient().GetStringAsync("/v1/businesses/biz_cli_tokens/jwks.json"));
        Assert.Equal(3, (await Cli("signing-keys", "remove", "--business", "biz_cli_tokens", "--kid", first)).ExitCode);
    }

    private Task<CliProcess.Result> Cli(params string[] arguments) => CliProcess.RunAsync(_environment, arguments);

    private async Task<BusinessInfo> Business(string id) => (await _cluster.Client.GetGrain<IBusinessGrain>(id).GetInfo())!;

    private async Task<HttpStatusCode> CreateLicenseStatus(string apiKey)
    {
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return (await client.PostAsync("/v1/licenses", Bodies.CreateLicense())).StatusCode;
    }

    private static (string Id, string Secret) ParseNewKey(CliProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var id = KeyId().Match(result.Output).Value;
        var secret = result.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("sk_"));
        return (id, secret);
    }

    /// <summary>Rows 5 (no customer), 7 (bad integer) and 10 (a custom key row 9 took) are invalid; the rest import.</summary>
    private string WriteCsv(int rows)
    {
        var path = Path.Combine(_directory, $"licenses-{Guid.NewGuid():N}.csv");
        var lines = new List<string> { "productId,customerId,key,activationLimit,expiryHours" };
        for (var row = 1; row <= rows; row++)
        {
            lines.Add(row switch
            {
                5 => "prod_1,,,3,",
                7 => "prod_1,cust_7,,abc,",
                9 or 10 => "prod_1,cust_9,DUP-KEY-0009,3,720",
                _ => $"prod_{row % 3},cust_{row},,{row % 4},{(row % 2 == 0 ? "720" : "")}",
            });
        }
        File.WriteAllLines(path, lines);
        return path;
    }

    [GeneratedRegex(@"key_[0-9A-Za-z]+")]
    private static partial Regex KeyId();

    [GeneratedRegex(@"""rowsDone"": \d+")]
    private static partial Regex RowsDone();
}
