using System.Text.Json.Nodes;

namespace Solifyn.Gateway.OpenApi;

/// <summary>
/// Examples for every route, mirroring the seed's License object (same ids, key shape, timestamps), so the reference
/// reads like the product documentation callers already know.
/// </summary>
public static class OpenApiExamples
{
    private const string License = """
        {
          "id": "lic_hyQQhhNzfEuvv",
          "key": "A184-99C2-8CBE",
          "status": "ACTIVE",
          "businessId": "biz_345TUESrCDPvrb",
          "productId": "prod_hyQQhhNzfEuvv",
          "paymentId": "pay_3r2FgHXp9",
          "customerId": "cust_3r2FgHXp9",
          "activationLimit": 3,
          "activationMessage": "Thank you! Your license is now active.",
          "instancesCount": 1,
          "expiryHours": 720,
          "expiresAt": "2027-01-01T00:00:00.000Z",
          "filters": null,
          "archived": false,
          "createdAt": "2026-05-11T01:12:25.764Z",
          "updatedAt": "2026-05-18T09:45:37.166Z"
        }
        """;

    private const string Token =
        "eyJhbGciOiJFZERTQSIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsiLCJ0eXAiOiJsaWNlbnNlK2p3dCJ9" +
        ".eyJpc3MiOiJiaXpfMzQ1VFVFU3JDRFB2cmIiLCJzdWIiOiJsaWNfaHlRUWhoTnpmRXV2diJ9" +
        ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    private const string SigningKeys = """
        {
          "data": [
            { "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", "status": "CURRENT", "createdAt": "2026-05-18T09:45:37.166Z",
              "retiredAt": null, "listedUntil": null },
            { "kid": "Z3Ryk0cFqTzLP8xpW6hQb2vN1sJ4aD7uE9tY5mXcR0g", "status": "PREVIOUS", "createdAt": "2026-05-11T01:12:25.764Z",
              "retiredAt": "2026-05-18T09:45:37.166Z", "listedUntil": "2026-08-16T09:45:37.166Z" }
          ]
        }
        """;

    private const string Instance = """
        { "id": "lki_8Hq2ZpR4sT6vW9xY", "name": "Ada's MacBook Pro", "fingerprint": "c2f7e1d4-9b3a-4e6f", "createdAt": "2026-05-18T09:45:37.166Z" }
        """;

    private const string Endpoint = """
        {
          "id": "we_4fK9sQ2mXv7LbN1c",
          "url": "https://example.com/webhooks/solifyn",
          "events": ["license.created", "license.updated", "license.revoked", "license.activated", "license.deactivated", "license.expired"],
          "description": "CRM sync",
          "status": "ENABLED",
          "statusReason": null,
          "createdAt": "2026-05-11T01:12:25.764Z",
          "updatedAt": "2026-05-11T01:12:25.764Z"
        }
        """;

    private const string EndpointWithSecret = """
        {
          "id": "we_4fK9sQ2mXv7LbN1c",
          "url": "https://example.com/webhooks/solifyn",
          "events": ["license.created", "license.updated", "license.revoked", "license.activated", "license.deactivated", "license.expired"],
          "description": "CRM sync",
          "status": "ENABLED",
          "statusReason": null,
          "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+1n1i4i/U1I=",
          "createdAt": "2026-05-11T01:12:25.764Z",
          "updatedAt": "2026-05-11T01:12:25.764Z"
        }
        """;

    private const string Event = $$"""
        { "id": "evt_2Xk8LmQ4rT9vB1nZ", "type": "license.activated", "createdAt": "2026-05-18T09:45:37.166Z", "data": { "license": {{License}}, "instance": {{Instance}} } }
        """;

    private const string Attempt = """
        {
          "id": "wd_7Jc3NpW5yH2kD8fA", "endpointId": "we_4fK9sQ2mXv7LbN1c", "eventId": "evt_2Xk8LmQ4rT9vB1nZ", "eventType": "license.activated",
          "attempt": 2, "attemptedAt": "2026-05-18T09:45:41.012Z", "outcome": "FAILED", "responseStatus": 503, "error": "HTTP_503",
          "durationMs": 182, "nextAttemptAt": "2026-05-18T09:46:03.540Z", "responseBody": "Service Unavailable"
        }
        """;

    /// <summary>(request body, success body) by operation id; null where the route takes no body.</summary>
    public static readonly IReadOnlyDictionary<string, (string? Request, string Response)> ByOperation =
        new Dictionary<string, (string?, string)>
        {
            ["CreateLicense"] = ("""
                { "productId": "prod_019e56a1", "customerId": "cust_019e56a1", "activationLimit": 5, "expiryHours": 720 }
                """, License),
            ["ListLicenses"] = (null, $$"""{ "data": [{{License}}], "hasMore": false }"""),
            ["GetLicense"] = (null, License),
            ["UpdateLicense"] = ("""{ "status": "DISABLED", "activationLimit": 5 }""", License),
            ["ListLicenseInstances"] = (null, $$"""{ "data": [{{Instance}}] }"""),
            ["DeleteLicenseInstance"] = (null, $$"""{ "instance": {{Instance}}, "license": {{License}} }"""),
            ["GetBusiness"] = (null, """
                {
                  "id": "biz_345TUESrCDPvrb",
                  "createdAt": "2026-05-01T08:00:00.000Z",
                  "licenses": { "issued": 1200, "active": 1100, "disabled": 60, "revoked": 40, "archived": 25 },
                  "activeInstances": 2310
                }
                """),
            ["ActivateLicense"] = ("""
                { "businessId": "biz_345TUESrCDPvrb", "key": "A184-99C2-8CBE", "name": "Ada's MacBook Pro", "fingerprint": "c2f7e1d4-9b3a-4e6f" }
                """, $$"""{ "instance": {{Instance}}, "license": {{License}}, "activationMessage": "Thank you! Your license is now active." }"""),
            ["DeactivateLicense"] = ("""
                { "businessId": "biz_345TUESrCDPvrb", "key": "A184-99C2-8CBE", "instanceId": "lki_8Hq2ZpR4sT6vW9xY" }
                """, $$"""{ "instance": {{Instance}}, "license": {{License}} }"""),
            ["ValidateLicense"] = ("""
                { "businessId": "biz_345TUESrCDPvrb", "key": "A184-99C2-8CBE", "productId": "prod_hyQQhhNzfEuvv", "fingerprint": "c2f7e1d4-9b3a-4e6f" }
                """, $$"""{ "valid": true, "code": "VALID", "license": {{License}}, "instance": {{Instance}}, "token": null }"""),
            ["CheckoutLicense"] = ("""
                { "businessId": "biz_345TUESrCDPvrb", "key": "A184-99C2-8CBE", "fingerprint": "c2f7e1d4-9b3a-4e6f", "ttlHours": 168 }
                """, $$"""{ "token": "{{Token}}", "expiresAt": "2026-05-25T09:45:37.000Z" }"""),
            ["GetJwks"] = (null, """
                {
                  "keys": [
                    { "kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                      "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", "use": "sig", "alg": "EdDSA" }
                  ]
                }
                """),
            ["ListSigningKeys"] = (null, SigningKeys),
            ["RotateSigningKey"] = (null, SigningKeys),
            ["CreateWebhookEndpoint"] = ("""{ "url": "https://example.com/webhooks/solifyn", "description": "CRM sync" }""", EndpointWithSecret),
            ["ListWebhookEndpoints"] = (null, $$"""{ "data": [{{Endpoint}}], "hasMore": false }"""),
            ["GetWebhookEndpoint"] = (null, Endpoint),
            ["UpdateWebhookEndpoint"] = ("""{ "events": ["license.revoked", "license.expired"], "status": "ENABLED" }""", Endpoint),
            ["RotateWebhookSecret"] = (null, EndpointWithSecret),
            ["ListWebhookDeliveries"] = (null, $$"""{ "data": [{{Attempt}}], "hasMore": false }"""),
            ["RetryWebhookDelivery"] = (null, """{ "eventId": "evt_2Xk8LmQ4rT9vB1nZ", "endpointId": "we_4fK9sQ2mXv7LbN1c", "status": "QUEUED" }"""),
            ["ListEvents"] = (null, $$"""{ "data": [{{Event}}], "hasMore": false }"""),
            ["GetEvent"] = (null, Event),
        };

    /// <summary>A validation problem, as every 400 on a body route answers.</summary>
    public static JsonNode ValidationProblem() => JsonNode.Parse("""
        {
          "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
          "title": "The request is invalid.",
          "status": 400,
          "detail": "'productId' is required.",
          "code": "VALIDATION_FAILED",
          "errors": [{ "field": "productId", "code": "REQUIRED", "detail": "'productId' is required." }]
        }
        """)!;
}
