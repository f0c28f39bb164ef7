using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Solifyn.TestSupport;

namespace Solifyn.Redis.Tests;

/// <summary>
/// A deployment made before the atomic storage step: <c>Fixtures/old-layout.rdb</c> was saved from a Redis that the
/// previous version of the service filled over its HTTP API (business <c>biz_legacy</c>, six licenses: upper, lower
/// and mixed-case custom keys, a generated key, filters, an expiry, three instances on two licenses, one license
/// disabled and archived, one revoked). <c>Fixtures/old-layout-licenses.json</c> is what that version listed.
/// </summary>
public sealed class StorageMigrationTests : IAsyncLifetime
{
    private const string ApiKey = "sk_test_legacy_fixture_0123456789";
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartFromDumpAsync(Fixture("old-layout.rdb"));

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private Task<CliProcess.Result> MigrateAsync() => CliProcess.RunAsync(
        new Dictionary<string, string> { ["ConnectionStrings__Redis"] = _redis.ConnectionString, ["Solifyn__Cluster__ServiceId"] = "solifyn" },
        "storage", "migrate");

    [Fact]
    public async Task The_migration_command_moves_every_old_license_with_its_instances_and_exact_counters_and_a_second_run_changes_nothing()
    {
        var first = await MigrateAsync();
        var second = await MigrateAsync();

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Contains("Migrated 6 licenses; 0 were already migrated", first.Output);
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("Migrated 0 licenses; 6 were already migrated", second.Output);

        await using var gateway = new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Redis", _redis.ConnectionString);
            builder.UseSetting(TestSigningKey.Setting, TestSigningKey.MasterKey);
            builder.UseSetting("Solifyn:Cluster:ServiceId", "solifyn");
            builder.UseSetting("Solifyn:Cluster:ClusterId", "after-migration-" + Guid.NewGuid().ToString("N"));
            builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Bootstrap:BusinessId", "biz_legacy");
            builder.UseSetting("Solifyn:Bootstrap:ApiKey", ApiKey);
        });
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);

        // Every license, exactly as the old version listed it (same order: newest first).
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Fixture("old-layout-licenses.json")))!["data"]!;
        var listed = JsonNode.Parse(await client.GetStringAsync("/v1/licenses?limit=100"))!["data"]!;
        Assert.True(JsonNode.DeepEquals(expected, listed), listed.ToJsonString());

        // Counters recounted from the migrated licenses: 6 issued, 4 active, 1 disabled, 1 revoked, 1 archived, 3 seats.
        var business = JsonNode.Parse(await client.GetStringAsync("/v1/business"))!;
        Assert.Equal("""{"issued":6,"active":4,"disabled":1,"revoked":1,"archived":1}""", business["licenses"]!.ToJsonString());
        Assert.Equal(3, business["activeInstances"]!.GetValue<int>());

        // Keys are found as customers type them, and old instances hold their seats.
        var anonymous = gateway.CreateClient();
        var verdict = await anonymous.PostAsJsonAsync("/v1/licenses/validate", new { businessId = "biz_legacy", key = "LEGACY-LOWER-1", fingerprint = (string?)null });
        Assert.Equal("VALID", JsonDocument.Parse(await verdict.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        var third = await anonymous.PostAsJsonAsync("/v1/licenses/activate", new { businessId = "biz_legacy", key = "legacy-upper-1", name = "third", fingerprint = "fp-3" });
        var fourth = await anonymous.PostAsJsonAsync("/v1/licenses/activate", new { businessId = "biz_legacy", key = "LEGACY-UPPER-1", name = "fourth", fingerprint = "fp-4" });
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity), (third.StatusCode, fourth.StatusCode));
        var again = await anonymous.PostAsJsonAsync("/v1/licenses/activate", new { businessId = "biz_legacy", key = "LEGACY-UPPER-1", name = "laptop", fingerprint = "fp-1" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // fp-1 was activated by the old version: its seat is reused
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/v1/licenses", new { productId = "p", customerId = "c", key = "legacy-mixed-1" })).StatusCode);
    }
}
