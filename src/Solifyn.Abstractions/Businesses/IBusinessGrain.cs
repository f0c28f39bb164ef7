using Solifyn.Domain.Businesses;

namespace Solifyn.Abstractions.Businesses;

[GenerateSerializer, Immutable, Alias("solifyn.BusinessInfo")]
public sealed record BusinessInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] LicenseTally Counters,
    [property: Id(4)] string? Name = null);

/// <summary>The business after <see cref="IBusinessGrain.Create"/>, and whether that call made it.</summary>
[GenerateSerializer, Immutable, Alias("solifyn.BusinessCreation")]
public sealed record BusinessCreation(
    [property: Id(0)] BusinessInfo Business,
    [property: Id(1)] bool Created);

/// <summary>
/// A business: its existence and name. Its persisted state never grows with the number of licenses, and it is on no
/// license's write path: its counters live in license storage, moved by the same atomic step as each license change,
/// and are read from there.
/// </summary>
[Alias("solifyn.IBusinessGrain")]
public interface IBusinessGrain : IGrainWithStringKey
{
    /// <summary>Creates the business if it does not exist yet. Idempotent.</summary>
    [Alias("EnsureCreated")]
    Task<BusinessInfo> EnsureCreated();

    /// <summary>
    /// Creates the business with a display name (operators' admin path). Idempotent: an existing business is returned
    /// unchanged with <see cref="BusinessCreation.Created"/> false.
    /// </summary>
    [Alias("Create")]
    Task<BusinessCreation> Create(string? name);

    /// <summary>The business, or null if it was never created.</summary>
    [Alias("GetInfo")]
    [Solifyn.Abstractions.RetrySafe]
    Task<BusinessInfo?> GetInfo();
}
