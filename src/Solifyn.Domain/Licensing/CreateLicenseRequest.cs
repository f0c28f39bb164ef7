using System.Collections.Frozen;
using System.Text.Json;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Licensing;

/// <summary>A validated <c>POST /v1/licenses</c> body. Only <see cref="Parse"/> makes one.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.CreateLicenseRequest")]
public sealed record CreateLicenseRequest(
    [property: Id(0)] string ProductId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] int? ActivationLimit,
    [property: Id(3)] int? ExpiryHours,
    [property: Id(4)] string? Key,
    [property: Id(5)] string? ActivationMessage,
    [property: Id(6)] string? PaymentId,
    [property: Id(7)] string? FiltersJson)
{
    public const int MaxIdentifierLength = 128;
    public const int MaxActivationLimit = 1_000_000;
    public const int MaxActivationMessageLength = 1_000;
    public const int MaxFiltersBytes = 4_096;
    public const int MaxFiltersDepth = 5;

    public static readonly FrozenSet<string> Fields = FrozenSet.ToFrozenSet(
        ["productId", "customerId", "activationLimit", "expiryHours", "key", "activationMessage", "paymentId", "filters"],
        StringComparer.Ordinal);

    /// <summary>Validates a parsed JSON body. Returns the request, or every field error found (never both).</summary>
    public static (CreateLicenseRequest? Request, IReadOnlyList<FieldError> Errors) Parse(JsonElement body)
    {
        var reader = new JsonObjectReader(body, Fields);
        var productId = reader.Identifier("productId", required: true, MaxIdentifierLength);
        var customerId = reader.Identifier("customerId", required: true, MaxIdentifierLength);
        var activationLimit = reader.Integer("activationLimit", required: false, 0, MaxActivationLimit);
        var expiryHours = reader.Integer("expiryHours", required: false, 1, LicenseExpiry.MaxExpiryHours);
        var key = reader.RawString("key", required: false);
        if (key is not null && !LicenseKeyRules.IsValidCustomKey(key, out var keyProblem))
        {
            reader.Add(new FieldError("key", key.Length > LicenseKeyRules.MaxLength ? FieldErrorCodes.TooLong : FieldErrorCodes.InvalidFormat,
                $"'key' {keyProblem}."));
            key = null;
        }
        var activationMessage = reader.Text("activationMessage", required: false, MaxActivationMessageLength, allowLineBreaks: true);
        var paymentId = reader.Identifier("paymentId", required: false, MaxIdentifierLength);
        var filters = reader.Object("filters", required: false, MaxFiltersBytes, MaxFiltersDepth);

        if (reader.Errors.Count > 0) return (null, reader.Errors);
        return (new CreateLicenseRequest(productId!, customerId!, activationLimit, expiryHours, key, activationMessage, paymentId, filters), []);
    }
}
