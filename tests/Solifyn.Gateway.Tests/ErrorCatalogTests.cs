using System.Reflection;
using System.Text.Json.Nodes;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;
using Solifyn.Gateway.Problems;

namespace Solifyn.Gateway.Tests;

/// <summary>One table maps every problem code to its status and title; nothing the service can answer is missing from it or from the document.</summary>
[Collection(GatewayCollection.Name)]
public class ErrorCatalogTests(GatewayFactory factory)
{
    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!);

    /// <summary>Codes the license operations return as errors (the rest of <see cref="LicenseCodes"/> are validation verdicts).</summary>
    private static readonly string[] LicenseErrorCodes =
    [
        LicenseCodes.LicenseNotFound, LicenseCodes.LicenseRevoked, LicenseCodes.LicenseDisabled, LicenseCodes.LicenseExpired,
        LicenseCodes.ActivationLimitReached, LicenseCodes.ActivationLimitBelowInstances, LicenseCodes.InstanceNotFoundError,
    ];

    [Fact]
    public void Every_code_the_gateway_and_the_domain_can_answer_with_is_in_the_catalog()
    {
        var codes = Constants(typeof(ErrorCodes)).Concat(LicenseErrorCodes)
            .Concat(new[] { 400, 401, 403, 404, 405, 413, 415, 422, 429, 500, 503 }.Select(ErrorCodes.ForStatus));

        Assert.All(codes, code => Assert.True(ErrorCatalog.ByCode.ContainsKey(code), $"{code} is not in ErrorCatalog"));
    }

    [Fact]
    public void Every_license_error_the_grains_return_is_a_4xx_with_a_title()
    {
        Assert.All(LicenseErrorCodes, code =>
        {
            var definition = ErrorCatalog.ByCode[code];
            Assert.InRange(definition.Status, 400, 499);
            Assert.False(string.IsNullOrWhiteSpace(definition.Title));
        });
        Assert.Equal((403, 409), (ErrorCatalog.ByCode[LicenseCodes.LicenseRevoked].Status, ErrorCatalog.ByCode[LicenseCodes.LicenseRevoked].StatusForChange));
    }

    [Fact]
    public async Task The_document_lists_exactly_the_catalog_codes_and_every_field_code()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var problem = document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!;

        var codes = problem["code"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
        var fieldCodes = problem["errors"]!["items"]!["properties"]!["code"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();

        Assert.Equal(ErrorCatalog.ByCode.Keys.ToHashSet(), codes);
        Assert.Superset(FieldErrorCodes.All.ToHashSet(), fieldCodes);
        Assert.Superset(Constants(typeof(FieldErrorCodes)).ToHashSet(), fieldCodes);
    }
}
