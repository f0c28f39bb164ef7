using Solifyn.Client;

namespace Shop.App;

/// <summary>An order the shop was paid for.</summary>
public sealed record PaidOrder(string OrderId, string CustomerId, string ProductId, int Seats);

/// <summary>
/// The shop's back end: every paid order gets one license. The order id is the Idempotency-Key, so a webhook
/// delivered twice, a retry after a timeout or a crash between "paid" and "issued" never issues a second license.
/// </summary>
public sealed class OrderLicensing(SolifynClient solifyn)
{
    public const int LicenseHours = 720;   // 30 days, renewed by the next order

    public async Task<License> HandlePaidOrderAsync(PaidOrder order, CancellationToken cancellationToken = default) =>
        await solifyn.Licenses.CreateAsync(new CreateLicenseRequest
        {
            ProductId = order.ProductId,
            CustomerId = order.CustomerId,
            ActivationLimit = order.Seats,
            ExpiryHours = LicenseHours,
            PaymentId = order.OrderId,
        }, new RequestOptions { IdempotencyKey = "order-" + order.OrderId }, cancellationToken);
}
