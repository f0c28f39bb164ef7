using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Solifyn.Abstractions.Businesses;
using Solifyn.Abstractions.Licenses;
using Solifyn.Abstractions.Signing;
using Solifyn.Domain.Identifiers;
using Solifyn.Grains.Signing;
using Solifyn.TestSupport;
using StackExchange.Redis;

namespace Solifyn.Redis.Tests;

/// <summary>Signing keys in a real redis-server: stored sealed, so a dump of every key yields no private key.</summary>
[Collection(RedisCollection.Name)]
public class SigningKeyStorageTests(RedisFixture redis)
{
    [Fact]
    public async Task No_value_in_redis_holds_a_private_signing_key_in_raw_hex_base64_or_base64url_form()
    {
        var cluster = await redis.StartClusterAsync(RedisFixture.NewServiceId());
        try
        {
            var sealer = new MasterKeySealer(Convert.FromBase64String(TestSigningKey.MasterKey));
            var businessId = PrefixedId.New(PrefixedId.Business);
            await cluster.Client.GetGrain<IBusinessGrain>(businessId).EnsureCreated();
            var keys = cluster.Client.GetGrain<ISigningKeyGrain>(businessId);
            var seeds = new List<byte[]>();
            var sealedKeys = new List<byte[]>();
            for (var i = 0; i < 3; i++)
            {
                var current = (await keys.GetCurrent())!;
                var seed = new byte[32];
                sealer.Open(businessId, current.Kid, current.SealedPrivateKey, seed);
                seeds.Add(seed);
                sealedKeys.Add(current.SealedPrivateKey);
                await keys.Rotate();
            }

            var values = await RedisDump.ValuesAsync(redis.Server.ConnectionString);

            // What was scanned is what was stored: the sealed keys are there...
            foreach (var sealedKey in sealedKeys) Assert.Contains(values, v => v.AsSpan().IndexOf(sealedKey) >= 0);
            // ...and the keys themselves are not, in any spelling.
            foreach (var seed in seeds) Assert.DoesNotContain(values, v => KeyMaterial.Contains(v, seed));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_a_full_cluster_restart_the_same_key_signs_and_its_tokens_verify_with_jose()
    {
        var serviceId = RedisFixture.NewServiceId();
        var businessId = PrefixedId.New(PrefixedId.Business);
        string kid;
        var first = await redis.StartClusterAsync(serviceId);
        try
        {
            await first.Client.GetGrain<IBusinessGrain>(businessId).EnsureCreated();
            kid = (await first.Client.GetGrain<ISigningKeyGrain>(businessId).GetCurrent())!.Kid;
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await redis.StartClusterAsync(serviceId);
        try
        {
            // A validation with a nonce is signed by the silo serving the license grain, with the key it opens from Redis.
            var answer = await second.Client.GetGrain<ILicenseGrain>(LicenseGrainKey.For(businessId, "NO-SUCH-KEY-0001")).Validate(null, null, null, "after-restart");
            var keys = (await second.Client.GetGrain<ISigningKeyGrain>(businessId).GetPublicKeys())!;
            var jwks = System.Text.Json.JsonSerializer.Serialize(new
            {
                keys = keys.Select(k => new { kty = "OKP", crv = "Ed25519", x = System.Buffers.Text.Base64Url.EncodeToString(k.PublicKey), kid = k.Kid, use = "sig", alg = "EdDSA" }),
            });

            Assert.Equal([kid], keys.Select(k => k.Kid));
            var (verified, header, payload, output) = await JoseTokenVerifier.VerifyAsync(answer.Token!, jwks, businessId, "license-validation+jwt");
            Assert.True(verified, output);
            Assert.Equal(kid, header.GetProperty("kid").GetString());
            Assert.Equal("after-restart", payload.GetProperty("nonce").GetString());
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public void A_silo_on_redis_without_a_master_key_does_not_start_and_says_which_setting_is_missing()
    {
        using var gateway = new SingleStopWebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Redis", redis.Server.ConnectionString);
            builder.UseSetting("Solifyn:Cluster:ServiceId", RedisFixture.NewServiceId());
            builder.UseSetting("Solifyn:Cluster:SiloPort", FreePort.Next().ToString());
            builder.UseSetting("Solifyn:Cluster:GatewayPort", FreePort.Next().ToString());
        });

        var failure = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException
            ?? (failure as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault();
        Assert.NotNull(validation);
        Assert.Contains("Solifyn:Signing:MasterKey", validation.Message);
        Assert.Contains("required with Redis", validation.Message);
    }
}
