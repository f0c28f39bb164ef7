using Solifyn.Domain.Identifiers;
using Solifyn.Domain.Import;
using Solifyn.Domain.Licensing;
using Solifyn.Domain.Validation;

namespace Solifyn.Domain.Tests;

public class ImportSeedTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, ImportSeeds.SecretBytes).Select(i => (byte)i).ToArray();

    [Fact]
    public void The_same_secret_and_row_always_give_the_same_ids_and_key()
    {
        Assert.Equal(ImportSeeds.For(Secret, 42), ImportSeeds.For(Secret, 42));
    }

    [Fact]
    public void Another_row_or_another_secret_gives_other_ids_and_key()
    {
        var seed = ImportSeeds.For(Secret, 42);
        var otherRow = ImportSeeds.For(Secret, 43);
        var otherSecret = ImportSeeds.For(ImportSeeds.NewSecret(), 42);
        foreach (var other in new[] { otherRow, otherSecret })
        {
            Assert.NotEqual(seed.LicenseId, other.LicenseId);
            Assert.NotEqual(seed.LicenseKey, other.LicenseKey);
            Assert.NotEqual(seed.InstanceId, other.InstanceId);
        }
    }

    [Fact]
    public void Seeded_ids_and_keys_have_the_formats_of_random_ones()
    {
        var seed = ImportSeeds.For(Secret, 1);
        Assert.True(PrefixedId.IsWellFormed(seed.LicenseId, PrefixedId.License));
        Assert.Equal(PrefixedId.License.Length + 1 + PrefixedId.RandomLength, seed.LicenseId.Length);
        Assert.True(PrefixedId.IsWellFormed(seed.InstanceId, PrefixedId.LicenseInstance));
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$", seed.LicenseKey);
    }

    [Fact]
    public void Seeded_characters_are_spread_over_the_whole_alphabet()
    {
        Span<char> symbols = stackalloc char[62 * 200];
        SeededRandom.Fill(Secret, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", symbols);
        var counts = symbols.ToArray().GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(62, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 120, 280));   // expected 200 each
    }

    [Fact]
    public void A_secret_shorter_than_256_bits_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ImportSeeds.For(new byte[16], 1));
    }
}

public class LicenseImportRowTests
{
    private static (CreateLicenseRequest? Request, IReadOnlyList<FieldError> Errors) Parse(params (string Column, string? Cell)[] cells) =>
        LicenseImportRow.Parse(cells.Select(c => new KeyValuePair<string, string?>(c.Column, c.Cell)));

    [Fact]
    public void A_row_becomes_the_same_request_as_the_equivalent_json_body()
    {
        var (request, errors) = Parse(("productId", "prod_1"), ("customerId", "cust_1"), ("key", "MY-KEY-0001"),
            ("activationLimit", "3"), ("expiryHours", "720"), ("filters", "{\"tier\":\"pro\"}"));
        Assert.Empty(errors);
        Assert.Equal(new CreateLicenseRequest("prod_1", "cust_1", 3, 720, "MY-KEY-0001", null, null, "{\"tier\":\"pro\"}"), request);
    }

    [Fact]
    public void Empty_cells_are_not_given_so_optional_fields_stay_unset_and_required_ones_are_reported()
    {
        var (request, errors) = Parse(("productId", "prod_1"), ("customerId", ""), ("activationLimit", ""));
        Assert.Null(request);
        var error = Assert.Single(errors);
        Assert.Equal(("customerId", FieldErrorCodes.Required), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("activationLimit", "abc", FieldErrorCodes.InvalidType)]
    [InlineData("activationLimit", "-1", FieldErrorCodes.OutOfRange)]
    [InlineData("expiryHours", "1.5", FieldErrorCodes.InvalidType)]
    [InlineData("filters", "{not json", FieldErrorCodes.InvalidType)]
    public void A_bad_cell_is_reported_with_its_column_and_the_api_error_code(string column, string cell, string code)
    {
        var (request, errors) = Parse(("productId", "prod_1"), ("customerId", "cust_1"), (column, cell));
        Assert.Null(request);
        var error = Assert.Single(errors);
        Assert.Equal((column, code), (error.Field, error.Code));
    }

    [Fact]
    public void A_header_with_an_unknown_column_or_without_a_required_one_is_refused()
    {
        Assert.Empty(LicenseImportRow.CheckHeader(["productId", "customerId", "key"]));
        var errors = LicenseImportRow.CheckHeader(["productId", "expiry"]);
        Assert.Contains(errors, e => e.Field == "expiry" && e.Code == FieldErrorCodes.UnknownField);
        Assert.Contains(errors, e => e.Field == "customerId" && e.Code == FieldErrorCodes.Required);
    }
}

public class ImportKeyDuplicatesTests
{
    [Fact]
    public void A_key_differing_only_in_case_from_an_earlier_row_is_reported_as_a_duplicate_of_that_row()
    {
        var keys = new ImportKeyDuplicates();
        Assert.Null(keys.Claim(1, "abcd-key"));

        var duplicate = keys.Claim(2, "ABCD-KEY");

        Assert.NotNull(duplicate);
        Assert.Equal(("key", "LICENSE_KEY_EXISTS"), (duplicate.Field, duplicate.Code));
        Assert.StartsWith("Row 1 of this file has the same key", duplicate.Detail);
    }

    [Fact]
    public void A_case_only_duplicate_is_reported_with_the_field_and_code_of_an_exact_one()
    {
        var keys = new ImportKeyDuplicates();
        keys.Claim(1, "Dup-Key");

        var exact = keys.Claim(2, "Dup-Key")!;
        var caseOnly = keys.Claim(3, "DUP-KEY")!;

        Assert.Equal((exact.Field, exact.Code), (caseOnly.Field, caseOnly.Code));
        Assert.Equal("Row 1 of this file has the same key.", exact.Detail);
        Assert.Equal("Row 1 of this file has the same key in another case (keys match ignoring case).", caseOnly.Detail);
    }

    [Fact]
    public void The_first_row_of_a_key_stays_its_owner_and_other_keys_are_not_duplicates()
    {
        var keys = new ImportKeyDuplicates();
        Assert.Null(keys.Claim(1, "key-one"));
        Assert.Null(keys.Claim(2, "KEY-TWO"));
        Assert.Null(keys.Claim(3, "key-one-x"));

        Assert.StartsWith("Row 1 ", keys.Claim(4, "KEY-ONE")!.Detail);
        Assert.StartsWith("Row 1 ", keys.Claim(5, "Key-One")!.Detail);
        Assert.StartsWith("Row 2 ", keys.Claim(6, "key-two")!.Detail);
    }
}
