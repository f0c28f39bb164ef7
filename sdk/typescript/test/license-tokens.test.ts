/**
 * Signed licenses (issue 15): `verifyLicenseToken` and `verifyValidationToken` against tokens signed with jose's own
 * `SignJWT` in the wire contract's shape (valid, edited, other key, unknown kid, wrong typ, issuer, nbf, exp, alg none
 * and HS256, malformed, nonce), and the new routes against a local server that checks each request (gateway.test.ts
 * runs them against the real gateway).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, describe, test } from 'node:test';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import {
  LicenseTokenError,
  Solifyn,
  SolifynError,
  verifyLicenseToken,
  verifyValidationToken,
  type JsonWebKeySet,
  type LicenseCheckout,
  type LicenseCheckoutParams,
  type LicenseTokenErrorReason,
  type LicenseValidateParams,
  type SigningKey,
  type SigningKeyStatus,
  type Validation,
} from 'solifyn';
import { TEST_TIMEOUT_MS } from './helpers/gateway.js';
import { json, problem, startFakeServer, type FakeServer } from './helpers/fake-server.js';

const BUSINESS_ID = 'biz_tokens';
const IAT = 1764524712; // 2025-11-30T17:45:12Z
const NOW = new Date((IAT + 3600) * 1000);

/** The key of RFC 8037 appendix A.1; its x and thumbprint are in the RFC. */
const RFC8037 = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };

interface Signer {
  key: CryptoKey;
  jwk: JsonWebKeySet['keys'][number];
}

async function signerOf(privateKey: CryptoKey, publicJwk: JWK): Promise<Signer> {
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  return { key: privateKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x!, kid, use: 'sig', alg: 'EdDSA' } };
}

async function newSigner(): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  return signerOf(privateKey, await exportJWK(publicKey));
}

const rfc = await signerOf((await importJWK(RFC8037, 'EdDSA')) as CryptoKey, { kty: 'OKP', crv: 'Ed25519', x: RFC8037.x });
const JWKS: JsonWebKeySet = { keys: [rfc.jwk] };

function licenseClaims(instance = true): JWTPayload {
  return {
    iss: BUSINESS_ID,
    sub: 'lic_1',
    jti: 'ltk_1',
    iat: IAT,
    nbf: IAT,
    exp: IAT + 168 * 3600,
    license: {
      id: 'lic_1', status: 'ACTIVE', productId: 'prod_1', customerId: 'cus_1', activationLimit: 3,
      expiresAt: '2027-01-01T00:00:00.000Z', filters: { tier: 'pro' },
    },
    ...(instance ? { instance: { id: 'lki_1', fingerprint: 'abc' } } : {}),
  };
}

function validationClaims(nonce = 'n-0123456789'): JWTPayload {
  return { iss: BUSINESS_ID, valid: true, code: 'VALID', licenseId: 'lic_1', instanceId: 'lki_1', nonce, iat: IAT, exp: IAT + 300 };
}

function sign(signer: Signer, claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: signer.jwk.kid, typ: 'license+jwt', ...header }).sign(signer.key);
}

const b64url = (text: string) => Buffer.from(text).toString('base64url');
const unb64url = (part: string) => Buffer.from(part, 'base64url').toString();

async function refusal(verify: () => Promise<unknown>): Promise<LicenseTokenErrorReason> {
  try {
    await verify();
  } catch (error) {
    assert.ok(error instanceof LicenseTokenError, `threw ${String(error)}`);
    assert.ok(error instanceof SolifynError);
    return error.reason;
  }
  assert.fail('the token was accepted');
}

const refused = (token: string, options: { jwks?: JsonWebKeySet; now?: Date | number; businessId?: string } = {}) =>
  refusal(() => verifyLicenseToken(token, options.jwks ?? JWKS, { businessId: options.businessId ?? BUSINESS_ID, now: options.now ?? NOW }));

describe('verifyLicenseToken', () => {
  test('the RFC 8037 test key has the thumbprint the RFC gives, so kids are computed as the contract says', () => {
    assert.equal(rfc.jwk.kid, 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  test('jose makes the contract\'s sample token byte for byte as the .NET tests\' NSec signer does, and it verifies', async () => {
    // The same string is in tests/Solifyn.Client.Tests/Tokens/LicenseTokenTests.cs (Ed25519 is deterministic).
    const sample =
      'eyJhbGciOiJFZERTQSIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsiLCJ0eXAiOiJsaWNlbnNlK2p3dCJ9.' +
      'eyJpc3MiOiJiaXpfdG9rZW5zIiwic3ViIjoibGljXzEiLCJqdGkiOiJsdGtfMSIsImlhdCI6MTc2NDUyNDcxMiwibmJmIjoxNzY0NTI0NzEyLCJleHAiOjE3NjUxMjk1MTIsImxpY2Vuc2UiOnsiaWQiOiJsaWNfMSIsInN0YXR1cyI6IkFDVElWRSIsInByb2R1Y3RJZCI6InByb2RfMSIsImN1c3RvbWVySWQiOiJjdXNfMSIsImFjdGl2YXRpb25MaW1pdCI6MywiZXhwaXJlc0F0IjoiMjAyNy0wMS0wMVQwMDowMDowMC4wMDBaIiwiZmlsdGVycyI6eyJ0aWVyIjoicHJvIn19LCJpbnN0YW5jZSI6eyJpZCI6ImxraV8xIiwiZmluZ2VycHJpbnQiOiJhYmMifX0.' +
      'x-IJy72AVplIb4i2XDX2k45MQItZKfWc-dH3HSh46xTw7-E_dE_8txCRA66IaM2bpo7vMX5UEEiJMUbK9AMwDw';
    assert.equal(await sign(rfc, licenseClaims()), sample);
    assert.equal((await verifyLicenseToken(sample, JWKS, { businessId: BUSINESS_ID, now: NOW })).sub, 'lic_1');
  });

  test('a token in the contract\'s shape verifies to its typed claims', async () => {
    const claims = await verifyLicenseToken(await sign(rfc, licenseClaims()), JWKS, { businessId: BUSINESS_ID, now: NOW });

    assert.equal(claims.iss, BUSINESS_ID);
    assert.equal(claims.sub, 'lic_1');
    assert.equal(claims.jti, 'ltk_1');
    assert.deepEqual([claims.iat, claims.nbf, claims.exp], [IAT, IAT, IAT + 168 * 3600]);
    assert.deepEqual(claims.license, licenseClaims().license);
    assert.deepEqual(claims.instance, { id: 'lki_1', fingerprint: 'abc' });
  });

  test('the JWKS may be given as its JSON text; a token without an instance has none', async () => {
    const claims = await verifyLicenseToken(await sign(rfc, licenseClaims(false)), JSON.stringify(JWKS), { businessId: BUSINESS_ID, now: NOW.getTime() });
    assert.equal(claims.instance, undefined);
  });

  test('changing one byte of the payload breaks the signature', async () => {
    const [header, payload, signature] = (await sign(rfc, licenseClaims())).split('.') as [string, string, string];
    const text = unb64url(payload);
    assert.ok(text.includes('"activationLimit":3'));

    const edited = `${header}.${b64url(text.replace('"activationLimit":3', '"activationLimit":9'))}.${signature}`;

    assert.equal(await refused(edited), 'bad_signature');
  });

  test('a signature by another key under the same kid is refused', async () => {
    const impostor = await newSigner();
    assert.equal(await refused(await sign(impostor, licenseClaims(), { kid: rfc.jwk.kid })), 'bad_signature');
  });

  test('a kid that names no Ed25519 key of the JWKS is an unknown key', async () => {
    const other = await newSigner();
    assert.equal(await refused(await sign(other, licenseClaims())), 'unknown_key');
    const notEd25519 = {
      keys: [
        { kty: 'OKP', crv: 'X25519', x: rfc.jwk.x, kid: rfc.jwk.kid },
        { kty: 'oct', k: 'c2VjcmV0', kid: rfc.jwk.kid },
      ],
    } as unknown as JsonWebKeySet;
    assert.equal(await refused(await sign(rfc, licenseClaims()), { jwks: notEd25519 }), 'unknown_key');
    assert.equal(await refused(await sign(rfc, licenseClaims()), { jwks: { keys: [] } }), 'unknown_key');
  });

  test('after a rotation, a token of the previous key still listed verifies, as does one of the new key', async () => {
    const current = await newSigner();
    const rotated = { keys: [current.jwk, rfc.jwk] };
    const options = { businessId: BUSINESS_ID, now: NOW };

    assert.equal((await verifyLicenseToken(await sign(rfc, licenseClaims()), rotated, options)).sub, 'lic_1');
    assert.equal((await verifyLicenseToken(await sign(current, licenseClaims()), rotated, options)).sub, 'lic_1');
  });

  test('a validation token is not a license token, and the other way round', async () => {
    const validation = await sign(rfc, validationClaims(), { typ: 'license-validation+jwt' });
    assert.equal(await refused(validation, { now: new Date((IAT + 10) * 1000) }), 'wrong_type');
    assert.equal(
      await refusal(async () => verifyValidationToken(await sign(rfc, licenseClaims()), JWKS, { businessId: BUSINESS_ID, nonce: 'n-0123456789', now: NOW })),
      'wrong_type',
    );
    for (const other of ['JWT', 'LICENSE+JWT', 'application/license+jwt']) {
      assert.equal(await refused(await sign(rfc, licenseClaims(), { typ: other })), 'wrong_type', other);
    }
    const untyped = await new SignJWT(licenseClaims()).setProtectedHeader({ alg: 'EdDSA', kid: rfc.jwk.kid }).sign(rfc.key);
    assert.equal(await refused(untyped), 'wrong_type');
  });

  test('another business\'s token is refused for its issuer, as is one without iss', async () => {
    assert.equal(await refused(await sign(rfc, licenseClaims()), { businessId: 'biz_other' }), 'wrong_issuer');
    const { iss: _, ...noIssuer } = licenseClaims();
    assert.equal(await refused(await sign(rfc, noIssuer)), 'wrong_issuer');
  });

  test('before nbf the token is not yet valid, unless the clock tolerance covers it', async () => {
    const token = await sign(rfc, licenseClaims());
    const before = new Date((IAT - 30) * 1000);

    assert.equal(await refused(token, { now: before }), 'not_yet_valid');
    assert.equal((await verifyLicenseToken(token, JWKS, { businessId: BUSINESS_ID, now: before, clockTolerance: 60 })).sub, 'lic_1');
    assert.equal((await verifyLicenseToken(token, JWKS, { businessId: BUSINESS_ID, now: new Date(IAT * 1000) })).sub, 'lic_1');
  });

  test('from the exp second on, the token is expired (and without now, the clock decides)', async () => {
    const token = await sign(rfc, licenseClaims());
    const exp = IAT + 168 * 3600;

    assert.equal((await verifyLicenseToken(token, JWKS, { businessId: BUSINESS_ID, now: (exp - 1) * 1000 })).sub, 'lic_1');
    assert.equal(await refused(token, { now: exp * 1000 }), 'expired');
    assert.equal(await refused(token, { now: (exp + 30 * 86400) * 1000 }), 'expired');
    assert.equal(await refusal(() => verifyLicenseToken(token, JWKS, { businessId: BUSINESS_ID })), 'expired'); // 2025
  });

  test('alg none, HS256 and any alg but EdDSA are refused', async () => {
    const claims = b64url(JSON.stringify(licenseClaims()));
    const none = `${b64url(JSON.stringify({ alg: 'none', kid: rfc.jwk.kid, typ: 'license+jwt' }))}.${claims}.`;
    assert.equal(await refused(none), 'bad_signature');

    // The classic confusion: HMAC keyed with the public key's bytes, which anyone can read from the JWKS.
    const input = `${b64url(JSON.stringify({ alg: 'HS256', kid: rfc.jwk.kid, typ: 'license+jwt' }))}.${claims}`;
    const hs256 = `${input}.${createHmac('sha256', Buffer.from(rfc.jwk.x, 'base64url')).update(input).digest('base64url')}`;
    assert.equal(await refused(hs256), 'bad_signature');

    for (const alg of ['eddsa', 'Ed25519', 'ES256']) {
      const [, payload, signature] = (await sign(rfc, licenseClaims())).split('.');
      const relabelled = `${b64url(JSON.stringify({ alg, kid: rfc.jwk.kid, typ: 'license+jwt' }))}.${payload}.${signature}`;
      assert.equal(await refused(relabelled), 'bad_signature', alg);
    }
  });

  test('what is not a compact JWS is malformed', async () => {
    for (const token of ['', 'not a token', 'a.b', 'a.b.c.d.e', '!!!.???.***']) {
      assert.equal(await refused(token), 'malformed', token);
    }
  });

  test('a header without kid, or signed claims not in the license token\'s shape, is malformed', async () => {
    const noKid = await new SignJWT(licenseClaims()).setProtectedHeader({ alg: 'EdDSA', typ: 'license+jwt' }).sign(rfc.key);
    assert.equal(await refused(noKid), 'malformed');
    assert.equal(await refused(`${b64url('{not json')}.${b64url('{}')}.AAAA`), 'malformed');

    const edits: Array<(claims: Record<string, unknown>) => void> = [
      (c) => delete c['exp'],
      (c) => delete c['license'],
      (c) => delete c['sub'],
      (c) => ((c['license'] as Record<string, unknown>)['id'] = 'lic_other'),
      (c) => (c['exp'] = 'tomorrow'),
    ];
    for (const edit of edits) {
      const claims = licenseClaims() as Record<string, unknown>;
      edit(claims);
      assert.equal(await refused(await sign(rfc, claims)), 'malformed', edit.toString());
    }
  });

  test('a JWKS that is not one, or no business id, is a TypeError (configuration), not a token refusal', async () => {
    const token = await sign(rfc, licenseClaims());
    await assert.rejects(verifyLicenseToken(token, 'not json', { businessId: BUSINESS_ID, now: NOW }), TypeError);
    await assert.rejects(verifyLicenseToken(token, {} as JsonWebKeySet, { businessId: BUSINESS_ID, now: NOW }), TypeError);
    await assert.rejects(verifyLicenseToken(token, JWKS, { businessId: ' ', now: NOW }), TypeError);
  });
});

describe('verifyValidationToken', () => {
  const at = new Date((IAT + 10) * 1000);
  const options = { businessId: BUSINESS_ID, nonce: 'n-0123456789', now: at };
  const signed = (claims: JWTPayload = validationClaims()) => sign(rfc, claims, { typ: 'license-validation+jwt' });

  test('a signed answer verifies for its nonce only', async () => {
    const claims = await verifyValidationToken(await signed(), JWKS, options);

    assert.deepEqual(claims, validationClaims());
    assert.equal(await refusal(async () => verifyValidationToken(await signed(), JWKS, { ...options, nonce: 'n-other' })), 'nonce_mismatch');
    assert.equal(await refusal(async () => verifyValidationToken(await signed(), JWKS, { ...options, now: (IAT + 300) * 1000 })), 'expired');
    assert.equal(await refusal(async () => verifyValidationToken(await signed(), JWKS, { ...options, businessId: 'biz_other' })), 'wrong_issuer');
  });

  test('an edited verdict does not verify', async () => {
    const [header, payload, signature] = (await signed()).split('.') as [string, string, string];
    const edited = `${header}.${b64url(unb64url(payload).replace('"code":"VALID"', '"code":"VALIE"'))}.${signature}`;
    assert.equal(await refusal(() => verifyValidationToken(edited, JWKS, options)), 'bad_signature');
  });

  test('a signed NOT_FOUND verdict verifies with null ids', async () => {
    const claims = await verifyValidationToken(
      await signed({ ...validationClaims(), valid: false, code: 'NOT_FOUND', licenseId: null, instanceId: null }), JWKS, options);
    assert.deepEqual([claims.valid, claims.code, claims.licenseId, claims.instanceId], [false, 'NOT_FOUND', null, null]);
  });
});

describe('the signed-license routes', () => {
  const servers: FakeServer[] = [];
  after(() => Promise.all(servers.map((server) => server.close())));

  async function serve(answer: (url: string) => [number, unknown]) {
    const server = await startFakeServer((request, response) => {
      const [status, body] = answer(request.url);
      json(response, status, body);
    });
    servers.push(server);
    return { server, solifyn: new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL, maxRetries: 0 }) };
  }

  test('licenses.checkout posts the contract\'s body without the API key', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { server, solifyn } = await serve(() => [200, { token: 'h.p.s', expiresAt: '2026-12-07T17:45:12.000Z' }]);

    const checkout = await solifyn.licenses.checkout({ businessId: 'biz_1', key: 'K', instanceId: 'lki_1', ttlHours: 24 });

    const [request] = server.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url, '/v1/licenses/checkout');
    assert.equal(request?.headers['authorization'], undefined);
    assert.deepEqual(JSON.parse(request?.body ?? ''), { businessId: 'biz_1', key: 'K', instanceId: 'lki_1', ttlHours: 24 });
    assert.deepEqual(checkout, { token: 'h.p.s', expiresAt: '2026-12-07T17:45:12.000Z' });
  });

  test('licenses.validate sends the nonce and returns the signed token', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { server, solifyn } = await serve(() => [200, { valid: true, code: 'VALID', license: null, instance: null, token: 'h.p.s' }]);

    const validation = await solifyn.licenses.validate({ businessId: 'biz_1', key: 'K', nonce: 'n-1' });

    assert.deepEqual(JSON.parse(server.requests[0]?.body ?? ''), { businessId: 'biz_1', key: 'K', nonce: 'n-1' });
    assert.equal(validation.token, 'h.p.s');
  });

  test('businesses.jwks fetches the JWKS without the API key', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { server, solifyn } = await serve(() => [200, JWKS]);

    assert.deepEqual(await solifyn.businesses.jwks('biz_1'), JWKS);
    assert.equal(server.requests[0]?.method, 'GET');
    assert.equal(server.requests[0]?.url, '/v1/businesses/biz_1/jwks.json');
    assert.equal(server.requests[0]?.headers['authorization'], undefined);
  });

  test('an unknown business has no JWKS', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { solifyn } = await serve(() => [404, problem(404, 'BUSINESS_NOT_FOUND')]);
    await assert.rejects(solifyn.businesses.jwks('biz_none'), (error: SolifynError) => error.status === 404 && error.code === 'BUSINESS_NOT_FOUND');
  });

  test('signingKeys.list and rotate send the API key; rotate carries an idempotency key', { timeout: TEST_TIMEOUT_MS }, async () => {
    const list = { data: [{ kid: rfc.jwk.kid, status: 'CURRENT', createdAt: '2026-11-30T17:45:12.345Z', retiredAt: null, listedUntil: null }] };
    const { server, solifyn } = await serve(() => [200, list]);

    assert.deepEqual(await solifyn.signingKeys.list(), list);
    assert.deepEqual(await solifyn.signingKeys.rotate({ idempotencyKey: 'rotate-1' }), list);

    assert.deepEqual(server.requests.map((r) => [r.method, r.url, r.headers['authorization']]), [
      ['GET', '/v1/business/signing-keys', 'Bearer sk_test'],
      ['POST', '/v1/business/signing-keys/rotate', 'Bearer sk_test'],
    ]);
    assert.equal(server.requests[1]?.headers['idempotency-key'], 'rotate-1');
  });
});

// Compile-time checks of the types taken from the generated OpenAPI types: `npm run build:test` fails, and so the test
// run, when the document stops describing the signed-license bodies as the wire contract does.

/** `true` only when `A` and `B` are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

// validate's answer always has token: a string exactly when a nonce was sent, else null.
assertType<Equals<Validation['token'], string | null>>();
assertType<Equals<Exclude<LicenseValidateParams['nonce'], undefined | null>, string>>();
// checkout's body and answer are the contract's.
assertType<Equals<keyof LicenseCheckoutParams, 'businessId' | 'key' | 'instanceId' | 'fingerprint' | 'ttlHours'>>();
assertType<Equals<Exclude<LicenseCheckoutParams['ttlHours'], undefined | null>, number>>();
assertType<Equals<LicenseCheckout, { token: string; expiresAt: string }>>();
// The JWKS's keys have the contract's members (and never a d); a signing key's status is CURRENT or PREVIOUS.
assertType<Equals<keyof JsonWebKeySet['keys'][number], 'kty' | 'crv' | 'x' | 'kid' | 'use' | 'alg'>>();
assertType<Equals<SigningKeyStatus, 'CURRENT' | 'PREVIOUS'>>();
assertType<Equals<keyof SigningKey, 'kid' | 'status' | 'createdAt' | 'retiredAt' | 'listedUntil'>>();
// @ts-expect-error ttlHours is a number of hours
const ttlAsText: LicenseCheckoutParams = { businessId: 'biz_1', key: 'K', ttlHours: '168' };
void ttlAsText;
