namespace Solifyn.Client;

/// <summary>The business's signing keys, newest first: the current key, then the previous ones still listed (at most 10 in all).</summary>
public sealed record SigningKeyList
{
    /// <summary>The keys.</summary>
    public required IReadOnlyList<SigningKey> Data { get; init; }
}
