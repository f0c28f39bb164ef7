namespace Solifyn.Client.Tokens;

/// <summary>A license token's claims as signed (RFC 7519 names; NumericDates in whole seconds), read after the signature verified.</summary>
internal sealed class LicenseTokenPayload
{
    public string? Iss { get; init; }
    public string? Sub { get; init; }
    public string? Jti { get; init; }
    public long? Iat { get; init; }
    public long? Nbf { get; init; }
    public long? Exp { get; init; }
    public LicenseTokenLicense? License { get; init; }
    public LicenseTokenInstance? Instance { get; init; }
}

/// <summary>A validation token's claims as signed.</summary>
internal sealed class ValidationTokenPayload
{
    public string? Iss { get; init; }
    public bool? Valid { get; init; }
    public string? Code { get; init; }
    public string? LicenseId { get; init; }
    public string? InstanceId { get; init; }
    public string? Nonce { get; init; }
    public long? Iat { get; init; }
    public long? Exp { get; init; }
}
