namespace Solifyn.Client;

/// <summary>
/// A license or validation token that <see cref="LicenseToken.Verify"/> or <see cref="ValidationToken.Verify"/>
/// refused: do not trust anything in it. Switch on <see cref="Reason"/>, not on the message.
/// </summary>
public sealed class LicenseTokenException : SolifynException
{
    /// <summary>Creates the exception; the verifiers make these, tests and fakes may too.</summary>
    public LicenseTokenException(LicenseTokenFailure reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the token was refused.</summary>
    public LicenseTokenFailure Reason { get; }
}
