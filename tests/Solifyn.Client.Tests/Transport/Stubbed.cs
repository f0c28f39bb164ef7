using Solifyn.Client.Tests.Support;

namespace Solifyn.Client.Tests.Transport;

/// <summary>Clients wired to a <see cref="StubHandler"/>, and bodies as the API writes them.</summary>
internal static class Stubbed
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A real-time bound on awaiting a call, so a client that waits where it should not (on a fake clock nobody moves)
    /// fails the test instead of hanging the run. Not a timing assertion: a correct client settles at once.
    /// </summary>
    public static async Task<T> Settled<T>(this Task<T> call) => await call.WaitAsync(TimeSpan.FromSeconds(10));

    public const string LicenseJson = """
        {"id":"lic_0123456789abcdef","key":"ABCD-EFGH-JKMN-PQRS-TVWX","status":"DISABLED","businessId":"biz_1",
         "productId":"prod_1","paymentId":null,"customerId":"cust_1","activationLimit":3,"activationMessage":null,
         "instancesCount":1,"expiryHours":24,"expiresAt":"2026-05-12T01:12:25.764Z","filters":{"tier":"pro"},
         "archived":false,"createdAt":"2026-05-11T01:12:25.764Z","updatedAt":"2026-05-11T02:00:00.000Z"}
        """;

    public static SolifynClient Client(StubHandler stub, RecordingTimeProvider? time = null, Action<SolifynClientOptions>? configure = null)
    {
        var options = new SolifynClientOptions
        {
            ApiKey = "sk_test_stubbed",
            BusinessId = "biz_1",
            Timeout = AttemptTimeout,
            TimeProvider = time ?? new RecordingTimeProvider(),
        };
        configure?.Invoke(options);
        return new SolifynClient(options, stub.Client());
    }
}
