using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Solifyn.TestSupport;

namespace Solifyn.Redis.Tests;

[Collection(RedisCollection.Name)]
public class IdempotencyRestartTests(RedisFixture redis)
{
    private const string ApiKey = "sk_test_idempotency_restart_0123";

    private WebApplicationFactory<Program> Gateway(string serviceId) => new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Redis", redis.Server.ConnectionString);
        builder.UseSetting(TestSigningKey.Setting, TestSigningKey.MasterKey);
        builder.UseSetting("Solifyn:Cluster:ServiceId", serviceId);
        builder.UseSetting("Solifyn:Cluster:ClusterId", "c-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Solifyn:Bootstrap:BusinessId", "biz_idem");
        builder.UseSetting("Solifyn:Bootstrap:ApiKey", ApiKey);
    });

    private static async Task<HttpResponseMessage> CreateAsync(WebApplicationFactory<Program> gateway)
    {
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/licenses") { Content = Bodies.CreateLicense() };
        request.Headers.Add("Idempotency-Key", "survives-restarts");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_retry_after_the_gateway_and_silo_restart_gets_the_first_response()
    {
        var serviceId = RedisFixture.NewServiceId();
        string firstBody;
        await using (var before = Gateway(serviceId))
        {
            var first = await CreateAsync(before);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            firstBody = await first.Content.ReadAsStringAsync();
        }

        await using var after = Gateway(serviceId);
        var retry = await CreateAsync(after);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }
}
