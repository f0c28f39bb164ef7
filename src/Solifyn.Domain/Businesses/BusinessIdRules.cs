namespace Solifyn.Domain.Businesses;

/// <summary>
/// Business ids are chosen by operators (e.g. <c>biz_demo</c>), so they are validated rather than generated.
/// They appear inside grain keys and Redis keys, hence the narrow alphabet and no '/'.
/// </summary>
public static class BusinessIdRules
{
    public const int MaxLength = 64;

    /// <summary><see cref="IsValid"/> as a regular expression, for the OpenAPI document.</summary>
    public const string Pattern = "^[A-Za-z0-9_-]{1,64}$";

    public static bool IsValid(string? businessId)
    {
        if (string.IsNullOrEmpty(businessId) || businessId.Length > MaxLength) return false;
        foreach (var c in businessId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return false;
        }
        return true;
    }
}
