using System.Text;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Idempotency;
using Solifyn.Abstractions.Webhooks;
using Solifyn.Domain.Identifiers;
using Solifyn.TestSupport;

namespace Solifyn.Redis.Tests;

/// <summary>
/// Secrets shown once (a webhook endpoint's <c>whsec_</c>, and any answer replayed for an Idempotency-Key) are stored
/// sealed under the master key in a real redis-server: a dump of every key holds none of them, and after a full
/// cluster restart the new silos open them again.
/// </summary>
[Collection(RedisCollection.Name)]
public class SecretStorageTests(RedisFixture redis)
{
    [Fact]
    public async Task Webhook_secrets_and_idempotent_answers_are_in_no_value_of_redis_and_open_again_after_a_full_restart()
    {
        var serviceId = RedisFixture.NewServiceId();
        var businessId = PrefixedId.New(PrefixedId.Business);
        const string answer = """{"id":"ak_1","secret":"sk_live_0123456789abcdefghijklmnopqrstuv"}""";
        var requestHash = Encoding.UTF8.GetBytes("request-hash-of-the-test");
        var idempotencyKey = $"{businessId}/test-{Guid.NewGuid():N}";
        string endpointId, current, previous;
        var first = await redis.StartClusterAsync(serviceId);
        try
        {
            await first.Client.GetGrain<IBusinessGrain>(businessId).EnsureCreated();
            var endpoints = first.Client.GetGrain<IWebhookEndpointsGrain>(businessId);
            var created = await endpoints.Create("https://hooks.example.com/solifyn", [], "secrets test");
            endpointId = created.Endpoint!.Id;
            previous = created.Secret!;
            current = (await endpoints.RotateSecret(endpointId)).Secret!;
            var idempotency = first.Client.GetGrain<IIdempotencyGrain>(idempotencyKey);
            Assert.Equal(IdempotencyVerdict.Proceed, (await idempotency.Begin(requestHash)).Verdict);
            await idempotency.Complete(requestHash, new StoredResponse(201, "application/json", Encoding.UTF8.GetBytes(answer)));

            var values = await RedisDump.ValuesAsync(redis.Server.ConnectionString);

            foreach (var secret in new[] { previous, current })
            {
                Assert.StartsWith("whsec_", secret);
                Assert.DoesNotContain(values, v => v.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret["whsec_".Length..])) >= 0);
                Assert.DoesNotContain(values, v => KeyMaterial.Contains(v, Convert.FromBase64String(secret["whsec_".Length..])));
            }
            Assert.DoesNotContain(values, v => v.AsSpan().IndexOf("sk_live_0123456789"u8) >= 0);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await redis.StartClusterAsync(serviceId);
        try
        {
            var target = await second.Client.GetGrain<IWebhookEndpointsGrain>(businessId).GetForDelivery(endpointId);
            Assert.Equal([current, previous], target!.Secrets);
            var replay = await second.Client.GetGrain<IIdempotencyGrain>(idempotencyKey).Begin(requestHash);
            Assert.Equal(IdempotencyVerdict.Replay, replay.Verdict);
            Assert.Equal(answer, Encoding.UTF8.GetString(replay.Response!.Body));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
