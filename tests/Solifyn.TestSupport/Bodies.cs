using System.Text;

namespace Solifyn.TestSupport;

public static class Bodies
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent CreateLicense(string? key = null) =>
        Json(key is null
            ? """{"productId":"prod_1","customerId":"cust_1"}"""
            : $$"""{"productId":"prod_1","customerId":"cust_1","key":"{{key}}"}""");
}
