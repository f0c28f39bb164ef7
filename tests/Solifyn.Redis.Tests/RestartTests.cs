using Solifyn.Abstractions.ApiKeys;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Domain.ApiKeys;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using Solifyn.TestSupport;

namespace Solifyn.Redis.Tests;

/// <summary>Its own Redis server, because this test restarts it.</summary>
public class RestartTests : IAsyncLifetime
{
    private RedisFixture _redis = null!;

    public async Task InitializeAsync()
    {
        _redis = new RedisFixture();
        await _redis.InitializeAsync();
    }

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task Licenses_counters_and_api_keys_survive_a_restart_of_the_whole_system_including_Redis()
    {
        var serviceId = RedisFixture.NewServiceId();
        var request = new CreateLicenseRequest("prod_1", "cust_1", 3, 720, "PERSISTED-KEY", "Hello", "pay_1", """{"a":1}""");
        Tenant tenant;
        License created;
        LicenseInstance instance;
        await using (var before = await _redis.StartClusterAsync(serviceId))
        {
            tenant = await Tenant.CreateAsync(before.Client);
            created = (await before.Client.GetGrain<ILicenseIssuerGrain>(0).Issue(tenant.BusinessId, request, null)).License!;
            var activation = await before.Client.GetGrain<ILicenseGrain>(LicenseGrainKey.For(tenant.BusinessId, "PERSISTED-KEY")).Activate("laptop", "fp-1", null);
            (created, instance) = (activation.License!, activation.Instance!);
            await before.StopAllSilosAsync();
        }
        await _redis.Server.RestartAsync();

        await using var after = await _redis.StartClusterAsync(serviceId);
        var stored = await after.Client.GetGrain<ILicenseGrain>(LicenseGrainKey.For(tenant.BusinessId, "PERSISTED-KEY")).Get();
        Assert.Equal(created, stored);
        Assert.Equal(LicenseGrainKey.For(tenant.BusinessId, "PERSISTED-KEY"),
            await after.Client.GetGrain<ILicenseQueryGrain>(0).FindLicenseGrainKey(tenant.BusinessId, created.Id));

        var again = await after.Client.GetGrain<ILicenseIssuerGrain>(0).Issue(tenant.BusinessId, request, null);
        Assert.Equal(CreateLicenseStatus.KeyExists, again.Status);

        // Listing, validation and activation all work on what was persisted.
        var page = await after.Client.GetGrain<ILicenseQueryGrain>(0).List(tenant.BusinessId, new ListLicensesQuery(10, null, "prod_1", null, LicenseStatus.Active, null));
        Assert.Equal([created], page.Data);
        var license = after.Client.GetGrain<ILicenseGrain>(LicenseGrainKey.For(tenant.BusinessId, "PERSISTED-KEY"));
        var verdict = await license.Validate(instance.Id, "fp-1", "prod_1");
        Assert.Equal((LicenseCodes.Valid, instance), (verdict.Code, verdict.Instance));
        Assert.Equal(instance, (await license.Activate("laptop again", "fp-1", null)).Instance);
        Assert.Null((await license.Activate("desktop", "fp-2", null)).ErrorCode);

        var info = await after.Client.GetGrain<IBusinessGrain>(tenant.BusinessId).GetInfo();
        Assert.Equal(new LicenseTally(1, 1, 0, 0, 0, 2), info!.Counters);
        var hash = ApiKeyHash.Of(tenant.ApiKey);
        Assert.Equal(tenant.BusinessId, await after.Client.GetGrain<IApiKeyGrain>(hash.LookupId).Authenticate(hash.Value));
    }
}
