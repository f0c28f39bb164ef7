using System.Security.Cryptography;

namespace Solifyn.Grains.Signing;

/// <summary>
/// Where the license-token signing keys are sealed from, bound from <c>Solifyn:Signing</c>
/// (env <c>Solifyn__Signing__MasterKey</c>).
/// </summary>
public sealed class SigningOptions
{
    public const string Section = "Solifyn:Signing";

    public const string MasterKeySetting = Section + ":MasterKey";

    /// <summary>
    /// Base64 of exactly 32 random bytes (<c>openssl rand -base64 32</c>). Every silo of an installation needs the same
    /// value, and it must never change while keys sealed under it are in use: without it the stored signing keys cannot
    /// be opened. Required with Redis storage; the embedded default uses a random key of the process when it is unset.
    /// </summary>
    public string? MasterKey { get; set; }

    public const int MasterKeyLength = 32;

    /// <summary>The embedded default's key when none is configured: random, one per process, gone with it.</summary>
    public static readonly byte[] ProcessEphemeralKey = RandomNumberGenerator.GetBytes(MasterKeyLength);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(MasterKey);

    /// <summary>Why <paramref name="masterKey"/> is unusable (naming the setting, never echoing the value); null when usable or unset.</summary>
    public static string? Problem(string? masterKey)
    {
        if (string.IsNullOrWhiteSpace(masterKey)) return null;
        Span<byte> buffer = stackalloc byte[64];
        try
        {
            if (!Convert.TryFromBase64String(masterKey.Trim(), buffer, out var written))
            {
                return $"{MasterKeySetting} is not base64 of {MasterKeyLength} bytes (too long, or not base64). Make one with 'openssl rand -base64 32'.";
            }
            return written == MasterKeyLength
                ? null
                : $"{MasterKeySetting} must be base64 of exactly {MasterKeyLength} bytes, not {written}. Make one with 'openssl rand -base64 32'.";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>The master key's bytes: the configured one, or the process's random one when none is configured.</summary>
    public byte[] MasterKeyBytes() => IsConfigured ? Convert.FromBase64String(MasterKey!.Trim()) : ProcessEphemeralKey;
}

/// <summary>
/// Checks <see cref="SigningOptions"/> at start (with <c>ValidateOnStart</c>): a set master key must be base64 of 32
/// bytes; with <paramref name="required"/> (Redis storage) it must be set at all. Messages name the setting, never the value.
/// </summary>
public sealed class SigningOptionsValidator(bool required) : Microsoft.Extensions.Options.IValidateOptions<SigningOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        if (required && !options.IsConfigured)
        {
            return Microsoft.Extensions.Options.ValidateOptionsResult.Fail(
                $"{SigningOptions.MasterKeySetting} (env Solifyn__Signing__MasterKey) is required with Redis storage: the license-token " +
                "signing keys are stored sealed under it. Set it to base64 of 32 random bytes ('openssl rand -base64 32'), the same on every silo.");
        }
        return SigningOptions.Problem(options.MasterKey) is { } problem
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }
}
