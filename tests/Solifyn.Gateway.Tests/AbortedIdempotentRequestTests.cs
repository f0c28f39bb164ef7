using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Solifyn.Abstractions.Licenses;
using Solifyn.TestSupport;

namespace Solifyn.Gateway.Tests;

/// <summary>
/// The gateway with a grain-call filter that aborts the HTTP request the moment the license issuer has done its work,
/// before the response is written: the first attempt's caller is gone, the license exists. Requests opt in with
/// <see cref="AbortAfterWorkHeader"/>.
/// </summary>
public sealed class AbortAfterWorkGatewayFactory : GatewayFactory
{
    public const string AbortAfterWorkHeader = "X-Test-Abort-After-Work";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<IOutgoingGrainCallFilter, AbortAfterIssueFilter>();
        });
    }

    private sealed class AbortAfterIssueFilter(IHttpContextAccessor accessor) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            await context.Invoke();
            if (context.InterfaceMethod?.DeclaringType == typeof(ILicenseIssuerGrain)
                && accessor.HttpContext is { } http && http.Request.Headers.ContainsKey(AbortAfterWorkHeader))
            {
                http.Abort();
            }
        }
    }
}

/// <summary>
/// An idempotent request whose caller went away after the work was done: the retry with the same key must replay the
/// complete response (the license with its id and key), never an empty or partial body.
/// </summary>
public sealed class AbortedIdempotentRequestTests(AbortAfterWorkGatewayFactory factory) : IClassFixture<AbortAfterWorkGatewayFactory>
{
    [Fact]
    public async Task A_create_aborted_after_its_work_is_replayed_whole_to_the_retry()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        const string body = """{"productId":"prod_1","customerId":"cust_1"}""";
        HttpRequestMessage Create(bool abort)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/licenses") { Content = Bodies.Json(body) };
            request.Headers.Add("Idempotency-Key", "aborted-create");
            if (abort) request.Headers.Add(AbortAfterWorkGatewayFactory.AbortAfterWorkHeader, "1");
            return request;
        }

        await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(Create(abort: true)));
        // The aborted caller hears nothing; the server may still be recording the outcome: retry as clients do on 409.
        var retry = await client.SendAsync(Create(abort: false));
        for (var attempt = 0; retry.StatusCode == HttpStatusCode.Conflict && attempt < 100; attempt++)
        {
            await Task.Delay(50);
            retry = await client.SendAsync(Create(abort: false));
        }

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var replayed = await Task.FromResult(retry).OkAsync();
        var stored = await client.GetAsync($"/v1/licenses/{replayed.Id()}").OkAsync();
        Assert.Equal(stored.GetRawText(), replayed.GetRawText());
    }
}
