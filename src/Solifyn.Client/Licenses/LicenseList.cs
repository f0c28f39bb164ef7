namespace Solifyn.Client;

/// <summary>One page of licenses, newest first.</summary>
public sealed record LicenseList
{
    /// <summary>The licenses on this page.</summary>
    public required IReadOnlyList<License> Data { get; init; }

    /// <summary>Whether a further page exists: ask for it with <see cref="ListLicensesRequest.StartingAfter"/> = the last id.</summary>
    public bool HasMore { get; init; }
}
