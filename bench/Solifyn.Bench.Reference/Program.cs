using System.Security.Cryptography;
using System.Text.Json;
using StackExchange.Redis;

// Two reference endpoints, built and driven exactly like the service, so every figure can be read as a ratio to
// what this machine does with no Orleans at all:
//   POST /bare  : reads the body, answers a License-sized JSON document.
//   POST /setnx : the same, after one Redis SET NX of that document under a fresh random key.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var redis = builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } cs ? await ConnectionMultiplexer.ConnectAsync(cs) : null;
var app = builder.Build();

var license = new
{
    id = "lic_hyQQhhNzfEuvvXYZ1", key = "A184-99C2-8CBE-XQ7R-M2KD", status = "ACTIVE", businessId = "biz_345TUESrCDPvrb",
    productId = "prod_hyQQhhNzfEuvv", paymentId = (string?)null, customerId = "cust_3r2FgHXp9", activationLimit = 3,
    activationMessage = (string?)null, instancesCount = 0, expiryHours = 720, expiresAt = "2027-01-01T00:00:00.000Z",
    filters = (object?)null, archived = false, createdAt = "2026-05-11T01:12:25.764Z", updatedAt = "2026-05-11T01:12:25.764Z",
};
var document = JsonSerializer.SerializeToUtf8Bytes(license);

app.MapPost("/bare", async (HttpRequest request) =>
{
    await request.Body.CopyToAsync(Stream.Null);
    return Results.Bytes(document, "application/json");
});
app.MapPost("/setnx", async (HttpRequest request) =>
{
    await request.Body.CopyToAsync(Stream.Null);
    var key = "bench/ref/" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
    await redis!.GetDatabase().StringSetAsync(key, document, when: When.NotExists);
    return Results.Bytes(document, "application/json");
});
app.Run();
