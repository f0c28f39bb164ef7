using System.Text.Json;
using System.Text.Json.Serialization;
using Solifyn.Domain.Licensing;

namespace Solifyn.Domain.Contracts;

/// <summary>
/// The <c>key</c> of the customer routes (activate, deactivate, validate), as a customer pasted it: surrounding
/// whitespace is removed before the key is checked (<see cref="LicenseKeyRules.FromCustomerInput"/>).
/// </summary>
public sealed class CustomerKeyConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LicenseKeyRules.FromCustomerInput(JsonStrings.Read(ref reader))!;

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
