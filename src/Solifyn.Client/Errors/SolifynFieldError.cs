namespace Solifyn.Client;

/// <summary>One offending field of a rejected request.</summary>
/// <param name="Field">The JSON name of the field, e.g. <c>productId</c>.</param>
/// <param name="Code">
/// A stable code: one of <see cref="SolifynFieldErrorCodes"/> (e.g. <see cref="SolifynFieldErrorCodes.Required"/>,
/// <see cref="SolifynFieldErrorCodes.TooLong"/>), or a code a newer service added, passed through as sent.
/// </param>
/// <param name="Detail">A sentence for people.</param>
public sealed record SolifynFieldError(string Field, string Code, string Detail);
