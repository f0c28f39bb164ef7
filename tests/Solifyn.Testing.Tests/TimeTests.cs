namespace Solifyn.Testing.Tests;

/// <summary>The fake clock drives the service everywhere, and only the service.</summary>
public class TimeTests
{
    [Fact]
    public async Task A_720_hour_license_validates_EXPIRED_after_the_clock_advances_721_hours()
    {
        await using var solifyn = await SolifynTestServer.StartAsync(o => o.Silos = 2);
        var license = await solifyn.Client.Licenses.CreateAsync(Requests.License(expiryHours: 720));
        Assert.Equal("VALID", (await solifyn.Client.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = license.Key })).Code);

        solifyn.Time.Advance(TimeSpan.FromHours(719));
        Assert.Equal("VALID", (await solifyn.Client.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = license.Key })).Code);

        solifyn.Time.Advance(TimeSpan.FromHours(2));
        var verdict = await solifyn.Client.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = license.Key });
        Assert.False(verdict.Valid);
        Assert.Equal(LicenseValidationCodes.Expired, verdict.Code);
    }

    [Fact]
    public async Task StartTime_is_when_the_clock_starts_and_it_stands_still_until_advanced()
    {
        var start = new DateTimeOffset(2030, 1, 15, 9, 30, 0, TimeSpan.Zero);
        await using var solifyn = await SolifynTestServer.StartAsync(o => o.StartTime = start);

        var first = await solifyn.Client.Licenses.CreateAsync(Requests.License(expiryHours: 24));
        await Task.Delay(50);
        var second = await solifyn.Client.Licenses.CreateAsync(Requests.License());

        Assert.Equal(start, solifyn.Time.GetUtcNow());
        Assert.Equal(start, first.CreatedAt);
        Assert.Equal(start.AddHours(24), first.ExpiresAt);
        Assert.Equal(start, second.CreatedAt);
    }

    [Fact]
    public async Task A_checked_out_token_is_stamped_by_the_fake_clock_and_ends_with_the_license()
    {
        var start = new DateTimeOffset(2030, 1, 15, 9, 30, 0, TimeSpan.Zero);
        await using var solifyn = await SolifynTestServer.StartAsync(o => o.StartTime = start);
        var license = await solifyn.Client.Licenses.CreateAsync(Requests.License(expiryHours: 24));
        var http = solifyn.CreateHttpClient();

        var response = await http.PostAsync("/v1/licenses/checkout", new StringContent(
            $$"""{"businessId":"{{solifyn.BusinessId}}","key":"{{license.Key}}","ttlHours":168}""", System.Text.Encoding.UTF8, "application/json"));

        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal(start.AddHours(24), DateTimeOffset.Parse(body.GetProperty("expiresAt").GetString()!));
        var payload = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(body.GetProperty("token").GetString()!.Split('.')[1])).RootElement;
        Assert.Equal(start.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task The_clock_starts_now_by_default()
    {
        var before = DateTimeOffset.UtcNow;
        await using var solifyn = await SolifynTestServer.StartAsync();
        Assert.InRange(solifyn.Time.GetUtcNow(), before.AddMilliseconds(-1), DateTimeOffset.UtcNow);
        Assert.Equal(0, solifyn.Time.GetUtcNow().Ticks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public async Task Advancing_a_month_leaves_the_cluster_itself_on_real_time_and_healthy()
    {
        await using var solifyn = await SolifynTestServer.StartAsync(o => o.Silos = 2);
        var license = await solifyn.Client.Licenses.CreateAsync(Requests.License(activationLimit: 2));

        solifyn.Time.Advance(TimeSpan.FromDays(31));
        await Task.Delay(500);   // membership and messaging timers would act now if they ran on the fake clock

        Assert.Equal(2, (await solifyn.Cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);
        var activation = await solifyn.Client.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = license.Key, Name = "laptop" });
        Assert.Equal(solifyn.Time.GetUtcNow(), activation.Instance.CreatedAt);
        Assert.Equal(HttpStatusCode.OK, (await solifyn.CreateHttpClient().GetAsync("/readyz")).StatusCode);
    }
}
