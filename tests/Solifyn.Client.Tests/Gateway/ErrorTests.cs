using System.Net;
using Solifyn.TestSupport;

namespace Solifyn.Client.Tests.Gateway;

/// <summary>The gateway's problems, as typed exceptions.</summary>
[Collection(ClientGatewayCollection.Name)]
public class ErrorTests(ClientGatewayFactory factory)
{
    [Fact]
    public async Task A_blank_productId_is_400_VALIDATION_FAILED_naming_the_field()
    {
        var (_, client) = await factory.NewTenantClientAsync();

        var error = await Assert.ThrowsAsync<SolifynApiException>(() =>
            client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = " ", CustomerId = "cust_1" }));

        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_FAILED"), (error.StatusCode, error.Code));
        var field = Assert.Single(error.Errors);
        Assert.Equal(("productId", "BLANK"), (field.Field, field.Code));
        Assert.False(string.IsNullOrEmpty(field.Detail));
        Assert.False(string.IsNullOrEmpty(error.Title));
        Assert.False(string.IsNullOrEmpty(error.Detail));
    }

    [Fact]
    public async Task A_wrong_API_key_is_401_INVALID_API_KEY()
    {
        var tenant = await factory.NewTenantAsync();
        var client = factory.NewClient(tenant with { ApiKey = "sk_test_wrong_wrong_wrong_wrong_0000" });

        var error = await Assert.ThrowsAsync<SolifynApiException>(() => client.Business.RetrieveAsync());

        Assert.Equal((HttpStatusCode.Unauthorized, "INVALID_API_KEY"), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task No_API_key_is_401_MISSING_API_KEY()
    {
        var tenant = await factory.NewTenantAsync();

        var error = await Assert.ThrowsAsync<SolifynApiException>(() => factory.NewCustomerClient(tenant).Business.RetrieveAsync());

        Assert.Equal((HttpStatusCode.Unauthorized, "MISSING_API_KEY"), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task Another_business_license_is_404_LICENSE_NOT_FOUND()
    {
        var (_, owner) = await factory.NewTenantClientAsync();
        var (_, other) = await factory.NewTenantClientAsync();
        var license = await owner.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });

        var error = await Assert.ThrowsAsync<SolifynApiException>(() => other.Licenses.RetrieveAsync(license.Id));

        Assert.Equal((HttpStatusCode.NotFound, "LICENSE_NOT_FOUND"), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task A_taken_key_is_409_LICENSE_KEY_EXISTS_on_the_key_field()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        await client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c", Key = "TAKEN-KEY" });

        var error = await Assert.ThrowsAsync<SolifynApiException>(() =>
            client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c", Key = "TAKEN-KEY" }));

        Assert.Equal((HttpStatusCode.Conflict, "LICENSE_KEY_EXISTS", "key"), (error.StatusCode, error.Code, Assert.Single(error.Errors).Field));
    }

    [Fact]
    public async Task Changing_a_revoked_license_is_409_LICENSE_REVOKED()
    {
        var (_, client) = await factory.NewTenantClientAsync();
        var license = await client.Licenses.CreateAsync(new CreateLicenseRequest { ProductId = "p", CustomerId = "c" });
        await client.Licenses.UpdateAsync(license.Id, new UpdateLicenseRequest { Status = LicenseStatus.Revoked });

        var error = await Assert.ThrowsAsync<SolifynApiException>(() =>
            client.Licenses.UpdateAsync(license.Id, new UpdateLicenseRequest { Status = LicenseStatus.Active }));

        Assert.Equal((HttpStatusCode.Conflict, "LICENSE_REVOKED"), (error.StatusCode, error.Code));
    }
}
