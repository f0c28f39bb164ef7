namespace Solifyn.Abstractions.Signing;

/// <summary>What <see cref="ISigningKeyGrain.RemoveKey"/> did.</summary>
[GenerateSerializer, Alias("solifyn.SigningKeyRemoval")]
public enum SigningKeyRemoval
{
    Removed = 0,
    NotFound = 1,
    /// <summary>The key is CURRENT: rotate first.</summary>
    IsCurrent = 2,
}
