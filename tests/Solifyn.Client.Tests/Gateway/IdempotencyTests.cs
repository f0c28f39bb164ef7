using Solifyn.Client.Tests.Support;

namespace Solifyn.Client.Tests.Gateway;

/// <summary>Idempotency end to end: the client's keys, and the gateway's replay of the first answer.</summary>
[Collection(ClientGatewayCollection.Name)]
public class IdempotencyTests(ClientGatewayFactory factory)
{
    private static readonly CreateLicenseRequest Create = new() { ProductId = "prod_1", CustomerId = "cust_1" };

    [Fact]
    public async Task The_same_idempotency_key_twice_creates_one_license()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var options = new RequestOptions { IdempotencyKey = "order-42" };

        var first = await client.Licenses.CreateAsync(Create, options);
        var second = await client.Licenses.CreateAsync(Create, options);

        Assert.Equal(first, second with { Filters = first.Filters });
        Assert.Equal(1, (await client.Business.RetrieveAsync()).Licenses.Issued);
    }

    [Fact]
    public async Task Without_a_key_each_call_is_its_own_work()
    {
        var (_, client) = await factory.NewTenantClientAsync();

        var first = await client.Licenses.CreateAsync(Create);
        var second = await client.Licenses.CreateAsync(Create);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, (await client.Business.RetrieveAsync()).Licenses.Issued);
    }

    [Theory]
    [InlineData(false)] // the first attempt never reached the gateway
    [InlineData(true)]  // it did, the license was created, and the answer was lost
    public async Task A_retry_reuses_the_automatic_key_so_the_license_is_created_once(bool lostAfterForwarding)
    {
        var recorder = new RecordingHandler();
        var (_, client) = await factory.NewTenantClientAsync(recorder, new LosesFirstAnswerHandler(lostAfterForwarding));

        var license = await client.Licenses.CreateAsync(Create);

        var attempts = recorder.Requests;
        Assert.Equal(2, attempts.Count);
        Assert.NotNull(attempts[0].IdempotencyKey);
        Assert.Equal(attempts[0].IdempotencyKey, attempts[1].IdempotencyKey);
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        // When the first attempt did the work, the retry is answered from the gateway's record of it.
        Assert.Equal(lostAfterForwarding, recorder.Responses[1].Headers.Contains("Idempotent-Replayed"));

        var listed = await client.Licenses.ListAsync();
        Assert.Equal([license.Id], listed.Data.Select(l => l.Id));
        Assert.Equal(1, (await client.Business.RetrieveAsync()).Licenses.Issued);
    }

    [Fact]
    public async Task A_retried_activation_takes_one_seat()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(Create with { ActivationLimit = 5 });
        var recorder = new RecordingHandler();
        var customer = factory.NewCustomerClient(tenant, recorder, new LosesFirstAnswerHandler(afterForwarding: true));

        var activation = await customer.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = license.Key, Name = "laptop" });

        Assert.Equal(recorder.Requests[0].IdempotencyKey, recorder.Requests[1].IdempotencyKey);
        Assert.Equal([activation.Instance.Id], (await business.Licenses.ListInstancesAsync(license.Id)).Data.Select(i => i.Id));
    }
}
