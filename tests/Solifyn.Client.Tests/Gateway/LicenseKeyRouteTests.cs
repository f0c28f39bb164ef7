using System.Net;
using Solifyn.Client.Tests.Support;

namespace Solifyn.Client.Tests.Gateway;

/// <summary>The routes a customer's software calls, with no API key, against the real gateway.</summary>
[Collection(ClientGatewayCollection.Name)]
public class LicenseKeyRouteTests(ClientGatewayFactory factory)
{
    [Fact]
    public async Task Activate_validate_and_deactivate_without_an_API_key()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(new CreateLicenseRequest
        {
            ProductId = "prod_1", CustomerId = "cust_1", ActivationLimit = 1, ActivationMessage = "Thanks!",
        });
        var recorder = new RecordingHandler();
        var customer = factory.NewCustomerClient(tenant, recorder);

        var activation = await customer.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = license.Key, Name = "laptop", Fingerprint = "fp-1" });
        Assert.StartsWith("lki_", activation.Instance.Id);
        Assert.Equal(("laptop", "fp-1", 1, "Thanks!"),
            (activation.Instance.Name, activation.Instance.Fingerprint, activation.License.InstancesCount, activation.ActivationMessage));

        var valid = await customer.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = license.Key, InstanceId = activation.Instance.Id, ProductId = "prod_1" });
        Assert.Equal((true, LicenseValidationCodes.Valid, activation.Instance.Id), (valid.Valid, valid.Code, valid.Instance?.Id));

        var wrongProduct = await customer.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = license.Key, ProductId = "prod_2" });
        Assert.Equal((false, LicenseValidationCodes.ProductMismatch), (wrongProduct.Valid, wrongProduct.Code));

        var full = await Assert.ThrowsAsync<SolifynApiException>(() =>
            customer.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = license.Key, Name = "desktop", Fingerprint = "fp-2" }));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "ACTIVATION_LIMIT_REACHED"), (full.StatusCode, full.Code));

        var deactivation = await customer.Licenses.DeactivateAsync(new DeactivateLicenseRequest { Key = license.Key, InstanceId = activation.Instance.Id });
        Assert.Equal((activation.Instance.Id, 0), (deactivation.Instance.Id, deactivation.License.InstancesCount));

        var gone = await customer.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = license.Key, InstanceId = activation.Instance.Id });
        Assert.Equal((false, LicenseValidationCodes.InstanceNotFound), (gone.Valid, gone.Code));

        var unknown = await customer.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = "NO-SUCH-KEY" });
        Assert.Equal((false, LicenseValidationCodes.NotFound, null), (unknown.Valid, unknown.Code, unknown.License));

        Assert.All(recorder.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task The_business_lists_instances_and_frees_a_seat()
    {
        var (tenant, business) = await factory.NewTenantClientAsync();
        var license = await business.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });
        var customer = factory.NewCustomerClient(tenant);
        var first = await customer.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = license.Key, Name = "one" });
        var second = await customer.Licenses.ActivateAsync(new ActivateLicenseRequest { Key = license.Key, Name = "two" });

        var instances = await business.Licenses.ListInstancesAsync(license.Id);
        Assert.Equal([first.Instance.Id, second.Instance.Id], instances.Data.Select(i => i.Id));

        var freed = await business.Licenses.DeleteInstanceAsync(license.Id, first.Instance.Id);
        Assert.Equal((first.Instance.Id, 1), (freed.Instance.Id, freed.License.InstancesCount));
        Assert.Equal([second.Instance.Id], (await business.Licenses.ListInstancesAsync(license.Id)).Data.Select(i => i.Id));

        var again = await Assert.ThrowsAsync<SolifynApiException>(() => business.Licenses.DeleteInstanceAsync(license.Id, first.Instance.Id));
        Assert.Equal((HttpStatusCode.NotFound, "INSTANCE_NOT_FOUND"), (again.StatusCode, again.Code));
    }

    [Fact]
    public async Task A_client_with_an_API_key_still_sends_none_on_the_license_key_routes()
    {
        var recorder = new RecordingHandler();
        var (_, client) = await factory.NewTenantClientAsync(recorder);
        var license = await client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });

        await client.Licenses.ValidateAsync(new ValidateLicenseRequest { Key = license.Key });

        Assert.NotNull(recorder.Requests[0].Authorization);
        Assert.Null(recorder.Requests[1].Authorization);
    }
}
