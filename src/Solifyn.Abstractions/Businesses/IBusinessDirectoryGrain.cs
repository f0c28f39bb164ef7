namespace Solifyn.Abstractions.Businesses;

/// <summary>A page of businesses in id order.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.BusinessPage")]
public sealed record BusinessPage(
    [property: Id(0)] IReadOnlyList<BusinessInfo> Data,
    [property: Id(1)] bool HasMore);

/// <summary>
/// Lists businesses for operators. A stateless worker over the business catalog (a Redis sorted set in production):
/// no grain holds the list, so nothing grows with the number of businesses.
/// </summary>
[Alias("solifyn.IBusinessDirectoryGrain")]
public interface IBusinessDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<BusinessPage> List(string? startingAfter, int limit);
}
