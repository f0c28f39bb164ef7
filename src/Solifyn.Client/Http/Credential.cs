namespace Solifyn.Client.Http;

/// <summary>What a route is authorised by.</summary>
internal enum Credential
{
    /// <summary>The business's secret API key, as <c>Authorization: Bearer</c>.</summary>
    ApiKey,

    /// <summary>
    /// Nothing in the headers: the license-key routes take the key and business in the body, and software shipped to
    /// customers must never hold the API key, so none is sent even when this client has one.
    /// </summary>
    None,
}
