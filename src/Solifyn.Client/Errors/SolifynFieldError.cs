namespace Solifyn.Client;

/// <summary>One offending field of a rejected request.</summary>
/// <param name="Field">The JSON name of the field, e.g. <c>productId</c>.</param>
/// <param name="Code">A stable code: <c>REQUIRED</c>, <c>BLANK</c>, <c>TOO_LONG</c>, <c>OUT_OF_RANGE</c>, <c>INVALID_FORMAT</c>, ...</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record SolifynFieldError(string Field, string Code, string Detail);
