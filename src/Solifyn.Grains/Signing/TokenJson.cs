using System.Text.Json;
using System.Text.Json.Serialization;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Resources;

namespace Solifyn.Grains.Signing;

/// <summary>The JWS protected header. Member order is the contract's: alg, kid, typ.</summary>
public sealed record JwsHeader(string Alg, string Kid, string Typ);

/// <summary>Claims of a license token (<c>typ: license+jwt</c>); <see cref="Instance"/> is absent unless an instance was named.</summary>
public sealed record LicenseTokenClaims(
    string Iss, string Sub, string Jti, long Iat, long Nbf, long Exp, LicenseClaim License,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] InstanceClaim? Instance);

/// <summary>The <c>license</c> claim: every member present, null when the license has none. Never the key.</summary>
public sealed record LicenseClaim(
    string Id, LicenseStatus Status, string? ProductId, string? CustomerId, int? ActivationLimit,
    [property: JsonConverter(typeof(UtcMillisecondsConverter))] DateTimeOffset? ExpiresAt,
    [property: JsonConverter(typeof(RawJsonTextConverter))] string? Filters)
{
    public static LicenseClaim From(License license) => new(license.Id, license.Status, license.ProductId, license.CustomerId,
        license.ActivationLimit, license.ExpiresAt, license.FiltersJson);
}

/// <summary>The <c>instance</c> claim.</summary>
public sealed record InstanceClaim(string Id, string? Fingerprint);

/// <summary>Claims of a validation token (<c>typ: license-validation+jwt</c>).</summary>
public sealed record ValidationTokenClaims(
    string Iss, bool Valid, string Code, string? LicenseId, string? InstanceId, string Nonce, long Iat, long Exp);

/// <summary>Writes stored compact JSON text (a license's filters object) as the JSON value it is.</summary>
public sealed class RawJsonTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteRawValue(value);
}

/// <summary>Source-generated (no reflection) camelCase serializers of the token header and claims; nulls are written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(JwsHeader))]
[JsonSerializable(typeof(LicenseTokenClaims))]
[JsonSerializable(typeof(ValidationTokenClaims))]
public sealed partial class TokenJson : JsonSerializerContext
{
    /// <summary>
    /// What tokens are written with: as <see cref="Default"/>, but without escaping HTML-sensitive characters
    /// (<c>license+jwt</c>, not <c>license\u002Bjwt</c>): a token is never embedded in HTML, and verifiers read both.
    /// </summary>
    public static TokenJson Tokens { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
