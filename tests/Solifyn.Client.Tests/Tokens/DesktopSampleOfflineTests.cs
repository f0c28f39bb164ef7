using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Solifyn.Client.Tests.Transport;
using Solifyn.Samples.DesktopActivation;

namespace Solifyn.Client.Tests.Tokens;

/// <summary>
/// The desktop sample's token handling against a scripted service whose tokens are signed here in the contract's
/// shape: offline until exp, an edited token refused, a refresh once half the lifetime is gone, and the service's
/// refusal honoured. (Against the real gateway: Gateway/DesktopSampleTests.)
/// </summary>
public sealed class DesktopSampleOfflineTests : IDisposable
{
    private const string BusinessId = TokenSigner.BusinessId;
    private const string ProductId = "prod_app";

    private readonly string _stateFile = Path.Combine(Path.GetTempPath(), $"solifyn-sample-{Guid.NewGuid():N}.json");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly TokenSigner _signer = TokenSigner.New();
    private readonly ScriptedService _service = new();

    public DesktopSampleOfflineTests()
    {
        _service.Jwks = TokenSigner.Jwks(_signer);
        _service.Token = TokenAt(_clock.GetUtcNow());
    }

    public void Dispose() => File.Delete(_stateFile);

    private DesktopLicensing App(string? pinnedJwks = null) =>
        new(new SolifynClient(new SolifynClientOptions { BusinessId = BusinessId, MaxRetries = 0 }, new HttpClient(_service) { BaseAddress = new Uri("http://solifyn.test/") }),
            BusinessId, ProductId, _stateFile, _clock, pinnedJwks);

    /// <summary>A token as the service would check out for this device at <paramref name="issuedAt"/>, good for 7 days.</summary>
    private string TokenAt(DateTimeOffset issuedAt, string? fingerprint = null, TokenSigner? signer = null)
    {
        var claims = TokenSigner.LicenseClaims();
        var iat = issuedAt.ToUnixTimeSeconds();
        claims["iat"] = iat;
        claims["nbf"] = iat;
        claims["exp"] = iat + DesktopLicensing.TokenTtlHours * 3600;
        claims["license"]!["productId"] = ProductId;
        claims["license"]!["expiresAt"] = null;
        claims["instance"] = new JsonObject { ["id"] = "lki_1", ["fingerprint"] = fingerprint ?? DesktopLicensing.DeviceFingerprint() };
        return (signer ?? _signer).License(claims);
    }

    private ActivationRecord Stored() => JsonSerializer.Deserialize<ActivationRecord>(File.ReadAllText(_stateFile))!;

    [Fact]
    public async Task Activation_checks_out_a_token_for_the_instance_and_stores_it_with_the_JWKS_then_starts_need_no_network()
    {
        var check = await App().ActivateAsync("KEY-1");

        Assert.Equal((LicenseState.Licensed, "VALID", _clock.GetUtcNow().AddHours(168)), (check.State, check.Code, check.LicensedUntil));
        Assert.Equal(["/v1/licenses/activate", "/v1/licenses/checkout", $"/v1/businesses/{BusinessId}/jwks.json"], _service.Paths);
        Assert.Equal($$"""{"businessId":"{{BusinessId}}","key":"KEY-1","instanceId":"lki_1","ttlHours":168}""", _service.Bodies[1]);
        Assert.Equal(new ActivationRecord("KEY-1", "lki_1", _service.Token, _service.Jwks), Stored());

        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(LicenseState.Licensed, (await App().CheckAsync()).State);
        Assert.Equal(3, _service.Paths.Count);   // more than half the lifetime left: nothing asked
    }

    [Fact]
    public async Task Offline_the_token_works_until_its_exp_and_not_after()
    {
        await App().ActivateAsync("KEY-1");
        _service.Offline = true;

        _clock.Advance(TimeSpan.FromDays(6));
        var offline = await App().CheckAsync();
        Assert.Equal(LicenseState.LicensedOffline, offline.State);
        Assert.Equal(_clock.GetUtcNow().AddDays(1), offline.LicensedUntil);

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal((LicenseState.Unlicensed, "TOKEN_EXPIRED"), ((await App().CheckAsync()).State, (await App().CheckAsync()).Code));
    }

    [Fact]
    public async Task An_edited_token_is_refused()
    {
        await App().ActivateAsync("KEY-1");
        _service.Offline = true;
        var record = Stored();
        var parts = record.Token!.Split('.');
        var later = TokenSigner.Decode(parts[1]).Replace($"\"productId\":\"{ProductId}\"", "\"productId\":\"prod_any\"");
        File.WriteAllText(_stateFile, JsonSerializer.Serialize(record with { Token = parts[0] + "." + TokenSigner.Encode(later) + "." + parts[2] }));

        var check = await App().CheckAsync();

        Assert.Equal((LicenseState.Unlicensed, "TOKEN_INVALID"), (check.State, check.Code));
        Assert.Contains(nameof(LicenseTokenFailure.BadSignature), check.Message);
    }

    [Fact]
    public async Task With_a_pinned_JWKS_a_token_signed_with_a_key_of_ones_own_is_refused_even_with_its_JWKS_in_the_state_file()
    {
        var pinned = _service.Jwks;
        await App(pinned).ActivateAsync("KEY-1");
        _service.Offline = true;
        var forger = TokenSigner.New();
        File.WriteAllText(_stateFile, JsonSerializer.Serialize(Stored() with { Token = TokenAt(_clock.GetUtcNow(), signer: forger), Jwks = TokenSigner.Jwks(forger) }));

        var check = await App(pinned).CheckAsync();

        Assert.Equal((LicenseState.Unlicensed, "TOKEN_INVALID"), (check.State, check.Code));
        Assert.Contains(nameof(LicenseTokenFailure.UnknownKey), check.Message);
    }

    [Fact]
    public async Task A_token_of_another_device_is_refused()
    {
        _service.Token = TokenAt(_clock.GetUtcNow(), fingerprint: "another-device");

        var check = await App().ActivateAsync("KEY-1");

        Assert.Equal((LicenseState.Unlicensed, "OTHER_DEVICE"), (check.State, check.Code));
    }

    [Fact]
    public async Task Online_with_less_than_half_its_lifetime_left_the_token_and_the_JWKS_are_renewed()
    {
        await App().ActivateAsync("KEY-1");
        _clock.Advance(TimeSpan.FromDays(4));
        var rotated = TokenSigner.New();
        _service.Token = TokenAt(_clock.GetUtcNow(), signer: rotated);
        _service.Jwks = TokenSigner.Jwks(rotated, _signer);

        var check = await App().CheckAsync();

        Assert.Equal((LicenseState.Licensed, _clock.GetUtcNow().AddDays(7)), (check.State, check.LicensedUntil));
        Assert.Equal((_service.Token, _service.Jwks), (Stored().Token, Stored().Jwks));
    }

    [Fact]
    public async Task When_the_service_refuses_a_new_token_the_app_stops_and_forgets_the_old_one()
    {
        await App().ActivateAsync("KEY-1");
        _clock.Advance(TimeSpan.FromDays(4));
        _service.CheckoutProblem = (HttpStatusCode.Forbidden, "LICENSE_REVOKED");

        var check = await App().CheckAsync();

        Assert.Equal((LicenseState.Unlicensed, "LICENSE_REVOKED"), (check.State, check.Code));
        _service.Offline = true;
        Assert.Equal("NO_TOKEN", (await App().CheckAsync()).Code);   // the still-unexpired token no longer counts
    }

    /// <summary>The three routes the sample calls, answered by path; or no answer at all when <see cref="Offline"/>.</summary>
    private sealed class ScriptedService : HttpMessageHandler
    {
        public string Token { get; set; } = "";
        public string Jwks { get; set; } = "";
        public bool Offline { get; set; }
        public (HttpStatusCode Status, string Code)? CheckoutProblem { get; set; }
        public List<string> Paths { get; } = [];
        public List<string?> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Offline) throw new HttpRequestException("Connection refused (scripted).");
            var path = request.RequestUri!.AbsolutePath;
            Paths.Add(path);
            Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
            return path switch
            {
                "/v1/licenses/activate" => Json($$"""
                    {"instance":{"id":"lki_1","name":"pc","fingerprint":"{{DesktopLicensing.DeviceFingerprint()}}","createdAt":"2026-05-11T01:12:25.764Z"},
                     "license":{{Stubbed.LicenseJson}},"activationMessage":null}
                    """),
                "/v1/licenses/checkout" when CheckoutProblem is { } problem => new HttpResponseMessage(problem.Status)
                {
                    Content = new StringContent($$"""{"status":{{(int)problem.Status}},"title":"No.","code":"{{problem.Code}}"}""", Encoding.UTF8, "application/problem+json"),
                },
                "/v1/licenses/checkout" => Json($$"""{"token":"{{Token}}","expiresAt":"2030-01-01T00:00:00.000Z"}"""),
                _ when path == $"/v1/businesses/{BusinessId}/jwks.json" => Json(Jwks),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            };
        }

        private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
