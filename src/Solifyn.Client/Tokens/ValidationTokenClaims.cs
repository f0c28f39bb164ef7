namespace Solifyn.Client;

/// <summary>The claims of a signed validation answer that <see cref="ValidationToken.Verify"/> accepted.</summary>
public sealed record ValidationTokenClaims
{
    /// <summary>The business that signed it (<c>iss</c>), <c>biz_...</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>True only when <see cref="Code"/> is <see cref="LicenseValidationCodes.Valid"/>.</summary>
    public bool Valid { get; init; }

    /// <summary>The verdict, one of <see cref="LicenseValidationCodes"/>.</summary>
    public required string Code { get; init; }

    /// <summary>The license validated; null when the key was not found.</summary>
    public string? LicenseId { get; init; }

    /// <summary>The matched instance, when one was named and found.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The nonce of the request this answers (already checked to be yours).</summary>
    public required string Nonce { get; init; }

    /// <summary>When the answer was signed (<c>iat</c>, whole seconds).</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>When it stops verifying (<c>exp</c>): 5 minutes after <see cref="IssuedAt"/>.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}
