using Microsoft.Extensions.DependencyInjection;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using License = Solifyn.Domain.Licensing.License;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.Testing.Tests;

/// <summary>
/// An outage that begins inside a request, after its Idempotency-Key was claimed: the key stays held for its lease
/// on the service's clock (what the package README says), and ConfigureServices can replace a service registration.
/// </summary>
public class OutageMidRequestTests
{
    [Fact]
    public async Task The_claimed_key_is_held_for_the_lease_until_the_clock_moves_past_it()
    {
        SolifynTestServer? server = null;
        await using var solifyn = server = await SolifynTestServer.StartAsync(o => o.ConfigureServices = services =>
        {
            var store = services.LastOrDefault(d => d.ServiceType == typeof(ILicenseStore))?.ImplementationInstance as ILicenseStore;
            if (store is not null) services.AddSingleton<ILicenseStore>(new OutageOnFirstCreate(store, () => server!.SimulateStorageOutage()));
        });
        var client = solifyn.CreateClient(o => o.MaxRetries = 0);
        var sameOrder = new RequestOptions { IdempotencyKey = "order-7" };

        var cutOff = await Assert.ThrowsAsync<SolifynApiException>(() => client.Licenses.CreateAsync(Requests.License(), sameOrder));
        Assert.Equal(SolifynErrorCodes.StorageUnavailable, cutOff.Code);
        OutageOnFirstCreate.Outage!.Dispose();

        var held = await Assert.ThrowsAsync<SolifynApiException>(() => client.Licenses.CreateAsync(Requests.License(), sameOrder));
        Assert.Equal(SolifynErrorCodes.IdempotencyRequestInProgress, held.Code);

        solifyn.Time.Advance(TimeSpan.FromSeconds(31));
        await client.Licenses.CreateAsync(Requests.License(), sameOrder);
        Assert.Equal(1, (await client.Business.RetrieveAsync()).Licenses.Issued);
    }

    /// <summary>Starts an outage as the first create reaches storage, so the request is cut off after its key was claimed.</summary>
    private sealed class OutageOnFirstCreate(ILicenseStore inner, Func<StorageOutage> begin) : ILicenseStore
    {
        public static StorageOutage? Outage { get; private set; }

        public Task<CreateResult> CreateAsync(string keyDigest, License license)
        {
            Outage ??= begin();
            return inner.CreateAsync(keyDigest, license);
        }

        public Task<StoredLicense?> GetAsync(string businessId, string keyDigest) => inner.GetAsync(businessId, keyDigest);

        public Task<string?> FindKeyDigestAsync(string businessId, string licenseId) => inner.FindKeyDigestAsync(businessId, licenseId);

        public Task<IReadOnlyList<License?>> GetByIdsAsync(string businessId, IReadOnlyList<string> licenseIds) => inner.GetByIdsAsync(businessId, licenseIds);

        public Task<ChangeResult> ChangeAsync(string keyDigest, long expectedVersion, LicenseChange change) => inner.ChangeAsync(keyDigest, expectedVersion, change);

        public Task<LicenseTally> GetCountersAsync(string businessId) => inner.GetCountersAsync(businessId);

        public Task<IndexEntry?> FindIndexEntryAsync(string businessId, string licenseId) => inner.FindIndexEntryAsync(businessId, licenseId);

        public Task<IReadOnlyList<IndexEntry>> PageAsync(string businessId, IndexSet set, IndexEntry? after, int count) =>
            inner.PageAsync(businessId, set, after, count);
    }
}
