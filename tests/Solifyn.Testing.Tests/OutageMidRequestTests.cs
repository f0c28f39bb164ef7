using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Solifyn.Domain.Businesses;
using Solifyn.Domain.Licensing;
using License = Solifyn.Domain.Licensing.License;
using Solifyn.Grains.Indexing;
using Solifyn.Grains.Storage;

namespace Solifyn.Testing.Tests;

/// <summary>
/// An outage that begins inside a request that carries an Idempotency-Key (what the package README says): a create, and
/// a license change (activate, deactivate, update), records its key in its own storage step, so a cut-off request leaves
/// the key free and its retry runs at once. Also shows ConfigureServices replacing a service.
/// </summary>
public class OutageMidRequestTests
{
    [Fact]
    public async Task A_create_cut_off_by_an_outage_leaves_its_key_free_and_its_retry_creates_one_license()
    {
        SolifynTestServer? server = null;
        StorageOutage? outage = null;
        await using var solifyn = server = await SolifynTestServer.StartAsync(o => o.ConfigureServices = services =>
            Wrap(services, store => new OutageOnFirst(store, onCreate: true, () => outage ??= server!.SimulateStorageOutage())));
        var client = solifyn.CreateClient(o => o.MaxRetries = 0);
        var sameOrder = new RequestOptions { IdempotencyKey = "order-7" };

        var cutOff = await Assert.ThrowsAsync<SolifynApiException>(() => client.Licenses.CreateAsync(Requests.License(), sameOrder));
        Assert.Equal(SolifynErrorCodes.StorageUnavailable, cutOff.Code);
        outage!.Dispose();

        await client.Licenses.CreateAsync(Requests.License(), sameOrder); // no lease to wait out: the clock stands still
        Assert.Equal(1, (await client.Business.RetrieveAsync()).Licenses.Issued);
    }

    [Fact]
    public async Task An_activation_cut_off_by_an_outage_leaves_its_key_free_and_its_retry_takes_one_seat()
    {
        SolifynTestServer? server = null;
        StorageOutage? outage = null;
        await using var solifyn = server = await SolifynTestServer.StartAsync(o => o.ConfigureServices = services =>
            Wrap(services, store => new OutageOnFirst(store, onCreate: false, () => outage ??= server!.SimulateStorageOutage())));
        var license = await solifyn.Client.Licenses.CreateAsync(Requests.License(activationLimit: 2));
        var http = solifyn.CreateHttpClient();
        Task<HttpResponseMessage> Activate()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/licenses/activate")
            {
                Content = JsonContent.Create(new { businessId = solifyn.BusinessId, key = license.Key, name = "laptop" }),
            };
            request.Headers.Add("Idempotency-Key", "activation-1");
            return http.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Activate()).StatusCode);
        outage!.Dispose();

        var retry = await Activate(); // no lease to wait out: the clock stands still
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        var replay = await Activate();
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, (await solifyn.Client.Licenses.RetrieveAsync(license.Id)).InstancesCount);
    }

    private static void Wrap(IServiceCollection services, Func<ILicenseStore, ILicenseStore> wrap)
    {
        var store = services.LastOrDefault(d => d.ServiceType == typeof(ILicenseStore))?.ImplementationInstance as ILicenseStore;
        if (store is not null) services.AddSingleton(wrap(store));
    }

    /// <summary>Starts an outage as the first create (or the first change) reaches storage, cutting that request off.</summary>
    private sealed class OutageOnFirst(ILicenseStore inner, bool onCreate, Func<StorageOutage> begin) : ILicenseStore
    {
        public Task<CreateResult> CreateAsync(string keyDigest, License license, IdempotencyRecording? idempotency = null, EventRecording? recordEvent = null)
        {
            if (onCreate) begin();
            return inner.CreateAsync(keyDigest, license, idempotency, recordEvent);
        }

        public Task<ChangeResult> ChangeAsync(string keyDigest, long expectedVersion, LicenseChange change, EventRecording? recordEvent = null, ChangeIdempotency? idempotency = null)
        {
            if (!onCreate) begin();
            return inner.ChangeAsync(keyDigest, expectedVersion, change, recordEvent, idempotency);
        }

        public Task<IdempotencyReplay?> RecordOutcomeAsync(string businessId, IdempotencyRecording idempotency, Solifyn.Abstractions.Licenses.LicenseChangeOutcome outcome) =>
            inner.RecordOutcomeAsync(businessId, idempotency, outcome);

        public Task<StoredLicense?> GetAsync(string businessId, string keyDigest) => inner.GetAsync(businessId, keyDigest);

        public Task<string?> FindKeyDigestAsync(string businessId, string licenseId) => inner.FindKeyDigestAsync(businessId, licenseId);

        public Task<IReadOnlyList<License?>> GetByIdsAsync(string businessId, IReadOnlyList<string> licenseIds) => inner.GetByIdsAsync(businessId, licenseIds);

        public Task<LicenseTally> GetCountersAsync(string businessId) => inner.GetCountersAsync(businessId);

        public Task<IndexEntry?> FindIndexEntryAsync(string businessId, string licenseId) => inner.FindIndexEntryAsync(businessId, licenseId);

        public Task<IReadOnlyList<IndexEntry>> PageAsync(string businessId, IndexSet set, IndexEntry? after, int count) =>
            inner.PageAsync(businessId, set, after, count);
    }
}
