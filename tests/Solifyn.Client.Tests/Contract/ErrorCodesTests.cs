using System.Reflection;
using System.Text.Json.Nodes;
using Solifyn.TestSupport;

namespace Solifyn.Client.Tests.Contract;

/// <summary>
/// The client takes its error codes from the committed OpenAPI document (<c>openapi/v1.json</c>): the constants of
/// <see cref="SolifynErrorCodes"/> and <see cref="SolifynFieldErrorCodes"/> equal the document's enums exactly, so a
/// code added to or removed from the service fails this build until the client follows.
/// </summary>
public class ErrorCodesTests
{
    private static readonly Lazy<JsonNode> ProblemDetails = new(() =>
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "openapi", "v1.json")))!;
        return document["components"]?["schemas"]?["ProblemDetails"]
            ?? throw new InvalidOperationException("openapi/v1.json has no components.schemas.ProblemDetails.");
    });

    [Fact]
    public void SolifynErrorCodes_are_exactly_the_enum_of_ProblemDetails_code() =>
        AssertSameCodes(Enum(ProblemDetails.Value["properties"]?["code"]), typeof(SolifynErrorCodes));

    [Fact]
    public void SolifynFieldErrorCodes_are_exactly_the_enum_of_ProblemDetails_errors_code() =>
        AssertSameCodes(Enum(ProblemDetails.Value["properties"]?["errors"]?["items"]?["properties"]?["code"]), typeof(SolifynFieldErrorCodes));

    [Theory]
    [InlineData(typeof(SolifynErrorCodes))]
    [InlineData(typeof(SolifynFieldErrorCodes))]
    public void Each_constant_is_named_after_its_code(Type codes)
    {
        foreach (var (name, value) in Constants(codes))
        {
            var expected = string.Concat(value.Split('_').Select(word => word[..1] + word[1..].ToLowerInvariant()));
            Assert.True(name == expected, $"{codes.Name}.{name} holds {value}; name it {expected}.");
        }
    }

    private static void AssertSameCodes(IReadOnlyList<string> documented, Type codes)
    {
        Assert.NotEmpty(documented);
        var constants = Constants(codes).Select(c => c.Value).ToList();
        Assert.Equal(constants.Count, constants.Distinct(StringComparer.Ordinal).Count());

        var missing = documented.Except(constants, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var extra = constants.Except(documented, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{codes.Name} differs from openapi/v1.json. Add a documented constant for: [{string.Join(", ", missing)}]; " +
            $"the document no longer lists: [{string.Join(", ", extra)}].");
    }

    private static List<string> Enum(JsonNode? schema)
    {
        var values = schema?["enum"] as JsonArray ?? throw new InvalidOperationException("The schema has no enum.");
        return values.Select(value => value!.GetValue<string>()).ToList();
    }

    private static IEnumerable<(string Name, string Value)> Constants(Type codes) =>
        codes.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field is { IsLiteral: true, IsInitOnly: false } && field.FieldType == typeof(string))
            .Select(field => (field.Name, (string)field.GetRawConstantValue()!));
}
