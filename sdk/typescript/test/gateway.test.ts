/**
 * The SDK against a real gateway (started by this file on free loopback ports, killed at the end).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import {
  AuthenticationError,
  ConflictError,
  FIELD_ERROR_CODES,
  LicenseTokenError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  Solifyn,
  ValidationError,
  verifyLicenseToken,
  verifyValidationToken,
  type License,
  type LicenseUpdateParams,
} from 'solifyn';
import { API_KEY, BUSINESS_ID, packageDir, repoRoot, startGateway, TEST_TIMEOUT_MS, type Gateway } from './helpers/gateway.js';

const run = promisify(execFile);

/** The seed documentation's snippet, verbatim. */
const SEED_SNIPPET = `import { Solifyn } from 'solifyn';

const solifyn = new Solifyn({ apiKey: 'your_private_api_key_here' });

// Create a new license key
const license = await solifyn.licenses.create({
  productId: 'prod_019e56a1...',
  customerId: 'cust_019e56a1...',
  activationLimit: 5,
  expiryHours: 720
});
console.log('License Created:', license);
`;

/** Starting may include building the gateway when its Release dll is missing. */
const STARTUP_HOOK_TIMEOUT_MS = 10 * 60_000;

/** A generated key: groups of four uppercase letters and digits, e.g. ABCD-EFGH-JKMN-PQRS-TVWX. */
const GENERATED_KEY = /^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/;

/** A product id no other test uses, so lists filtered by it see only this test's licenses. */
const uniqueProduct = () => `prod_${randomUUID()}`;

describe('against a real gateway', () => {
  let gateway: Gateway;
  let solifyn: Solifyn;

  before(async () => {
    gateway = await startGateway();
    solifyn = new Solifyn({ apiKey: API_KEY, baseURL: gateway.baseURL });
  }, { timeout: STARTUP_HOOK_TIMEOUT_MS });
  after(async () => {
    await gateway?.stop();
  });

  test('the seed snippet runs unchanged (baseURL added) and prints the license it created', { timeout: TEST_TIMEOUT_MS }, async () => {
    const from = "new Solifyn({ apiKey: 'your_private_api_key_here' })";
    assert.ok(SEED_SNIPPET.includes(from));
    const script = SEED_SNIPPET.replace(from, `new Solifyn({ apiKey: 'your_private_api_key_here', baseURL: '${gateway.baseURL}' })`);
    // Inside the package, so that 'solifyn' resolves to this package (self-reference through its exports).
    const file = join(packageDir, `seed-snippet-${randomUUID()}.mjs`);
    await writeFile(file, script);
    try {
      const { stdout } = await run(process.execPath, [file], { cwd: packageDir, timeout: 30_000 });

      assert.match(stdout, /^License Created: \{/);
      const key = /\bkey: '([^']+)'/.exec(stdout)?.[1];
      const id = /\bid: '(lic_[^']+)'/.exec(stdout)?.[1];
      assert.match(key ?? '', GENERATED_KEY);
      assert.ok(id, stdout);
      const stored = await solifyn.licenses.retrieve(id);
      assert.equal(stored.key, key);
      assert.equal(stored.productId, 'prod_019e56a1...');
      assert.equal(stored.customerId, 'cust_019e56a1...');
      assert.equal(stored.activationLimit, 5);
      assert.equal(stored.expiryHours, 720);
    } finally {
      await rm(file, { force: true });
    }
  });

  test('create, retrieve and update a license', { timeout: TEST_TIMEOUT_MS }, async () => {
    const created = await solifyn.licenses.create({
      productId: 'prod_crud',
      customerId: 'cust_crud',
      activationLimit: 2,
      expiryHours: 24,
      filters: { plan: 'pro', seats: 2 },
    });
    assert.match(created.id, /^lic_/);
    assert.match(created.key, GENERATED_KEY);
    assert.equal(created.status, 'ACTIVE');
    assert.equal(created.businessId, BUSINESS_ID);
    assert.deepEqual(created.filters, { plan: 'pro', seats: 2 });
    assert.equal(created.instancesCount, 0);
    const expiresIn = Date.parse(created.expiresAt ?? '') - Date.parse(created.createdAt);
    assert.equal(expiresIn, 24 * 3600 * 1000);

    assert.deepEqual(await solifyn.licenses.retrieve(created.id), created);

    const updated = await solifyn.licenses.update(created.id, {
      status: 'DISABLED',
      activationLimit: 10,
      activationMessage: 'Welcome!',
      expiryHours: null,
    });
    assert.equal(updated.id, created.id);
    assert.equal(updated.status, 'DISABLED');
    assert.equal(updated.activationLimit, 10);
    assert.equal(updated.activationMessage, 'Welcome!');
    assert.equal(updated.expiresAt, null);
    assert.deepEqual(await solifyn.licenses.retrieve(created.id), updated);
  });

  test('list returns one page; iterating it walks every page with startingAfter', { timeout: TEST_TIMEOUT_MS }, async () => {
    const productId = uniqueProduct();
    const created: License[] = [];
    for (let i = 0; i < 5; i++) created.push(await solifyn.licenses.create({ productId, customerId: `cust_${i}` }));
    // Newest first is creation time, then id, both descending: creates within one millisecond order by id.
    const newestFirst = [...created]
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1))
      .map((license) => license.id);

    const page = await solifyn.licenses.list({ productId, limit: 2 });
    assert.deepEqual(page.data.map((license) => license.id), newestFirst.slice(0, 2));
    assert.equal(page.hasMore, true);

    const urls: string[] = [];
    const counting = new Solifyn({
      apiKey: API_KEY,
      baseURL: gateway.baseURL,
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    const seen: string[] = [];
    for await (const license of counting.licenses.list({ productId, limit: 2 })) seen.push(license.id);

    assert.deepEqual(seen, newestFirst);
    assert.equal(urls.length, 3);
    assert.equal(new URL(urls[1] ?? '').searchParams.get('startingAfter'), newestFirst[1]);
    assert.equal(new URL(urls[2] ?? '').searchParams.get('startingAfter'), newestFirst[3]);

    const last = await solifyn.licenses.list({ productId, limit: 2, startingAfter: newestFirst[3] });
    assert.deepEqual(last, { data: [created[0]], hasMore: false });
  });

  test('a customer activates, validates and deactivates with no API key; the business sees and frees seats', { timeout: TEST_TIMEOUT_MS }, async () => {
    const productId = uniqueProduct();
    const license = await solifyn.licenses.create({
      productId,
      customerId: 'cust_flow',
      activationLimit: 2,
      activationMessage: 'Thanks for buying',
    });
    const customer = new Solifyn({ baseURL: gateway.baseURL }); // what ships inside the customer's app: no secret
    const credential = { businessId: BUSINESS_ID, key: license.key };

    const activation = await customer.licenses.activate({ ...credential, name: 'Laptop', fingerprint: 'fp-laptop' });
    assert.match(activation.instance.id, /^lki_/);
    assert.equal(activation.instance.name, 'Laptop');
    assert.equal(activation.license.instancesCount, 1);
    assert.equal(activation.activationMessage, 'Thanks for buying');

    const again = await customer.licenses.activate({ ...credential, name: 'Laptop', fingerprint: 'fp-laptop' });
    assert.equal(again.instance.id, activation.instance.id, 'the same fingerprint reuses its seat');

    const verdict = await customer.licenses.validate({ ...credential, fingerprint: 'fp-laptop', productId });
    assert.equal(verdict.valid, true);
    assert.equal(verdict.code, 'VALID');
    assert.equal(verdict.license?.id, license.id);
    assert.equal(verdict.instance?.id, activation.instance.id);

    const wrongProduct = await customer.licenses.validate({ ...credential, productId: 'prod_other' });
    assert.deepEqual([wrongProduct.valid, wrongProduct.code], [false, 'PRODUCT_MISMATCH']);

    const desktop = await customer.licenses.activate({ ...credential, name: 'Desktop', fingerprint: 'fp-desktop' });
    await assert.rejects(
      customer.licenses.activate({ ...credential, name: 'Third', fingerprint: 'fp-third' }),
      (error: unknown) => error instanceof ValidationError && error.status === 422 && error.code === 'ACTIVATION_LIMIT_REACHED',
    );

    const instances = await solifyn.licenses.instances(license.id);
    assert.deepEqual(instances.data.map((instance) => instance.id), [activation.instance.id, desktop.instance.id]);

    const freed = await customer.licenses.deactivate({ ...credential, instanceId: activation.instance.id });
    assert.equal(freed.instance.id, activation.instance.id);
    assert.equal(freed.license.instancesCount, 1);
    const gone = await customer.licenses.validate({ ...credential, instanceId: activation.instance.id });
    assert.deepEqual([gone.valid, gone.code], [false, 'INSTANCE_NOT_FOUND']);

    const removed = await solifyn.licenses.deleteInstance(license.id, desktop.instance.id);
    assert.equal(removed.license.instancesCount, 0);
    assert.deepEqual((await solifyn.licenses.instances(license.id)).data, []);

    const unknown = await customer.licenses.validate({ businessId: BUSINESS_ID, key: `NO-SUCH-${randomUUID()}` });
    assert.deepEqual([unknown.valid, unknown.code, unknown.license], [false, 'NOT_FOUND', null]);
  });

  test('business.retrieve counts the licenses this business issued', { timeout: TEST_TIMEOUT_MS }, async () => {
    const before = await solifyn.business.retrieve();
    await solifyn.licenses.create({ productId: uniqueProduct(), customerId: 'cust_count' });
    const after = await solifyn.business.retrieve();

    assert.equal(after.id, BUSINESS_ID);
    assert.equal(after.licenses.issued, before.licenses.issued + 1);
    assert.equal(after.licenses.active, before.licenses.active + 1);
  });

  test('a body without productId is a ValidationError: 400 VALIDATION_FAILED naming the field', { timeout: TEST_TIMEOUT_MS }, async () => {
    const error = await solifyn.licenses
      // Deliberately wrong, as a JavaScript caller could send it.
      .create({ customerId: 'cust_1' } as unknown as Parameters<typeof solifyn.licenses.create>[0])
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof ValidationError, `got ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.errors.map((fieldError) => [fieldError.field, fieldError.code]), [['productId', 'REQUIRED']]);
    assert.ok(error.requestId, 'the problem carries a trace id');
    assert.match(error.message, /^400 VALIDATION_FAILED: /);
  });

  test('status and archived are not nullable: null for them is 400 VALIDATION_FAILED naming both', { timeout: TEST_TIMEOUT_MS }, async () => {
    const license = await solifyn.licenses.create({ productId: uniqueProduct(), customerId: 'cust_null' });
    const error = await solifyn.licenses
      // Deliberately wrong (LicenseUpdateParams does not admit null here), as a JavaScript caller could send it.
      .update(license.id, { status: null, archived: null } as unknown as LicenseUpdateParams)
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof ValidationError, `got ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.errors.map((fieldError) => fieldError.field).sort(), ['archived', 'status']);
    for (const { code } of error.errors) assert.ok((FIELD_ERROR_CODES as readonly string[]).includes(code), `${code} is a documented field code`);
    assert.deepEqual(await solifyn.licenses.retrieve(license.id), license, 'nothing changed');
  });

  test('a wrong API key is an AuthenticationError 401 INVALID_API_KEY; none at all is MISSING_API_KEY', { timeout: TEST_TIMEOUT_MS }, async () => {
    const wrong = new Solifyn({ apiKey: 'sk_wrong_key_0123456789', baseURL: gateway.baseURL });
    await assert.rejects(wrong.licenses.list(), (error: unknown) =>
      error instanceof AuthenticationError && error.status === 401 && error.code === 'INVALID_API_KEY');

    const none = new Solifyn({ baseURL: gateway.baseURL });
    await assert.rejects(none.business.retrieve(), (error: unknown) =>
      error instanceof AuthenticationError && error.status === 401 && error.code === 'MISSING_API_KEY');
  });

  test('an unknown license is a NotFoundError; a taken key is a ConflictError with its field', { timeout: TEST_TIMEOUT_MS }, async () => {
    await assert.rejects(solifyn.licenses.retrieve('lic_doesnotexist0000'), (error: unknown) =>
      error instanceof NotFoundError && error.status === 404 && error.code === 'LICENSE_NOT_FOUND');

    const key = `SDK-${randomUUID()}`;
    await solifyn.licenses.create({ productId: 'prod_1', customerId: 'cust_1', key });
    const error = await solifyn.licenses.create({ productId: 'prod_1', customerId: 'cust_1', key }).catch((caught: unknown) => caught);
    assert.ok(error instanceof ConflictError);
    assert.equal(error.code, 'LICENSE_KEY_EXISTS');
    assert.equal(error.errors[0]?.field, 'key');
  });

  test('the same idempotencyKey twice creates one license; with another body it is IDEMPOTENCY_KEY_REUSED', { timeout: TEST_TIMEOUT_MS }, async () => {
    const productId = uniqueProduct();
    const idempotencyKey = `sdk-test-${randomUUID()}`;

    const first = await solifyn.licenses.create({ productId, customerId: 'cust_idem' }, { idempotencyKey });
    const second = await solifyn.licenses.create({ productId, customerId: 'cust_idem' }, { idempotencyKey });

    assert.equal(second.id, first.id);
    assert.equal(second.key, first.key);
    assert.deepEqual((await solifyn.licenses.list({ productId })).data.map((license) => license.id), [first.id]);

    await assert.rejects(
      solifyn.licenses.create({ productId, customerId: 'cust_other' }, { idempotencyKey }),
      (error: unknown) => error instanceof ValidationError && error.status === 422 && error.code === 'IDEMPOTENCY_KEY_REUSED',
    );
  });

  test('a create whose response is lost is retried with its key and yields the one license the server made', { timeout: TEST_TIMEOUT_MS }, async () => {
    const productId = uniqueProduct();
    const keys: Array<string | null> = [];
    let dropped = false;
    const lossy = new Solifyn({
      apiKey: API_KEY,
      baseURL: gateway.baseURL,
      // The request reaches the gateway and is done; its response is then "lost" on the way back, once.
      fetch: async (input, init) => {
        keys.push(new Headers(init?.headers).get('idempotency-key'));
        const response = await fetch(input, init);
        if (!dropped) {
          dropped = true;
          await response.text();
          throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
        }
        return response;
      },
    });

    const license = await lossy.licenses.create({ productId, customerId: 'cust_lossy' });

    assert.equal(keys.length, 2);
    assert.ok(keys[0]);
    assert.equal(keys[1], keys[0]);
    const listed = await solifyn.licenses.list({ productId });
    assert.deepEqual(listed.data.map((each) => each.id), [license.id], 'exactly one license exists');
  });

  // Signed licenses (issue 15): tokens checked out and validate answers signed by the gateway, verified with the SDK's
  // verifiers against the JWKS the SDK fetched, as a customer's software does offline.

  /** The protected header of a compact JWS. */
  const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: string };

  test('a checked-out token verifies against the fetched JWKS; one byte of its payload changed is bad_signature', { timeout: TEST_TIMEOUT_MS }, async () => {
    const license = await solifyn.licenses.create({ productId: 'prod_offline', customerId: 'cust_offline', activationLimit: 2 });
    const customer = new Solifyn({ baseURL: gateway.baseURL });
    const credential = { businessId: BUSINESS_ID, key: license.key };
    const activation = await customer.licenses.activate({ ...credential, name: 'Laptop', fingerprint: 'fp-offline' });

    const checkout = await customer.licenses.checkout({ ...credential, instanceId: activation.instance.id });
    const jwks = await customer.businesses.jwks(BUSINESS_ID);
    const claims = await verifyLicenseToken(checkout.token, jwks, { businessId: BUSINESS_ID });

    assert.deepEqual([claims.iss, claims.sub, claims.license.id], [BUSINESS_ID, license.id, license.id]);
    assert.deepEqual(
      [claims.license.status, claims.license.productId, claims.license.customerId, claims.license.activationLimit],
      ['ACTIVE', 'prod_offline', 'cust_offline', 2],
    );
    assert.deepEqual(claims.instance, { id: activation.instance.id, fingerprint: 'fp-offline' });
    assert.equal(Date.parse(checkout.expiresAt), claims.exp * 1000);
    assert.equal(headerOf(checkout.token).kid, jwks.keys[0]?.kid);

    // One byte of the payload changed ("prod_offline" -> "prod_offlinm"), re-encoded: still a well-formed token whose
    // signature no longer matches what it signs.
    const [header, payload, signature] = checkout.token.split('.') as [string, string, string];
    const bytes = Buffer.from(payload, 'base64url');
    const at = bytes.indexOf('"prod_offline"') + '"prod_offline'.length - 1;
    assert.ok(at > 0, 'the payload holds the product id');
    bytes[at] = bytes[at]! ^ 0x08; // 'e' -> 'm': a letter for a letter, the JSON stays well-formed
    const tampered = `${header}.${bytes.toString('base64url')}.${signature}`;
    await assert.rejects(
      verifyLicenseToken(tampered, jwks, { businessId: BUSINESS_ID }),
      (error: unknown) => error instanceof LicenseTokenError && error.reason === 'bad_signature',
    );
  });

  test('after signingKeys.rotate a token checked out before verifies against the new JWKS; a new token has the new kid', { timeout: TEST_TIMEOUT_MS }, async () => {
    const license = await solifyn.licenses.create({ productId: uniqueProduct(), customerId: 'cust_rotate' });
    const customer = new Solifyn({ baseURL: gateway.baseURL });
    const credential = { businessId: BUSINESS_ID, key: license.key };
    const before = await customer.licenses.checkout(credential);
    const oldKid = (await customer.businesses.jwks(BUSINESS_ID)).keys[0]?.kid;

    const rotated = await solifyn.signingKeys.rotate();
    const after = await customer.licenses.checkout(credential);
    const jwks = await customer.businesses.jwks(BUSINESS_ID);

    const newKid = rotated.data[0]?.kid;
    assert.ok(oldKid && newKid);
    assert.notEqual(newKid, oldKid);
    assert.deepEqual(rotated.data.slice(0, 2).map((key) => [key.kid, key.status]), [[newKid, 'CURRENT'], [oldKid, 'PREVIOUS']]);
    assert.deepEqual(jwks.keys.slice(0, 2).map((key) => key.kid), [newKid, oldKid]);
    assert.equal((await verifyLicenseToken(before.token, jwks, { businessId: BUSINESS_ID })).sub, license.id);
    assert.equal((await verifyLicenseToken(after.token, jwks, { businessId: BUSINESS_ID })).sub, license.id);
    assert.equal(headerOf(before.token).kid, oldKid);
    assert.equal(headerOf(after.token).kid, newKid);
  });

  test('a revoked license\'s checkout is a PermissionDeniedError 403 LICENSE_REVOKED', { timeout: TEST_TIMEOUT_MS }, async () => {
    const license = await solifyn.licenses.create({ productId: uniqueProduct(), customerId: 'cust_revoked' });
    await solifyn.licenses.update(license.id, { status: 'REVOKED' });

    const error = await new Solifyn({ baseURL: gateway.baseURL }).licenses
      .checkout({ businessId: BUSINESS_ID, key: license.key })
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof PermissionDeniedError, `got ${String(error)}`);
    assert.equal(error.status, 403);
    assert.equal(error.code, 'LICENSE_REVOKED');
  });

  test('a token asked for 168 hours of a license expiring in an hour has exp at the license\'s expiresAt, never after', { timeout: TEST_TIMEOUT_MS }, async () => {
    const license = await solifyn.licenses.create({ productId: uniqueProduct(), customerId: 'cust_expiry', expiryHours: 1 });
    const expiresAt = Date.parse(license.expiresAt ?? '');
    assert.ok(Number.isFinite(expiresAt), 'the license expires');

    const checkout = await new Solifyn({ baseURL: gateway.baseURL }).licenses.checkout({ businessId: BUSINESS_ID, key: license.key, ttlHours: 168 });
    const claims = await verifyLicenseToken(checkout.token, await solifyn.businesses.jwks(BUSINESS_ID), { businessId: BUSINESS_ID });

    assert.ok(claims.exp * 1000 <= expiresAt, `exp ${claims.exp} is after the license's expiresAt ${license.expiresAt}`);
    // NumericDates are whole seconds: exp is expiresAt rounded down to its second, not iat + 168 hours.
    assert.equal(claims.exp, Math.floor(expiresAt / 1000));
    assert.ok(claims.exp < claims.iat + 168 * 3600);
    assert.equal(Date.parse(checkout.expiresAt), claims.exp * 1000);
    assert.equal(claims.license.expiresAt, license.expiresAt);
  });

  test('a validate with a nonce returns a token that verifies with that nonce and is nonce_mismatch with another', { timeout: TEST_TIMEOUT_MS }, async () => {
    const license = await solifyn.licenses.create({ productId: uniqueProduct(), customerId: 'cust_nonce' });
    const customer = new Solifyn({ baseURL: gateway.baseURL });
    const nonce = 'n0nce-ZK3v_8Qm';

    const answer = await customer.licenses.validate({ businessId: BUSINESS_ID, key: license.key, nonce });
    const jwks = await customer.businesses.jwks(BUSINESS_ID);
    assert.deepEqual([answer.valid, answer.code, typeof answer.token], [true, 'VALID', 'string']);
    const verdict = await verifyValidationToken(answer.token ?? '', jwks, { businessId: BUSINESS_ID, nonce });

    assert.deepEqual(
      [verdict.iss, verdict.valid, verdict.code, verdict.licenseId, verdict.instanceId, verdict.nonce],
      [BUSINESS_ID, true, 'VALID', license.id, null, nonce],
    );
    assert.equal(verdict.exp, verdict.iat + 300);
    await assert.rejects(
      verifyValidationToken(answer.token ?? '', jwks, { businessId: BUSINESS_ID, nonce: `${nonce}x` }),
      (error: unknown) => error instanceof LicenseTokenError && error.reason === 'nonce_mismatch',
    );
  });

  test('the gateway serves the OpenAPI document the SDK was generated from (openapi/v1.json)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const served = (await (await fetch(`${gateway.baseURL}/openapi/v1.json`)).json()) as Record<string, unknown>;
    const committed = JSON.parse(await readFile(join(repoRoot, 'openapi', 'v1.json'), 'utf8')) as Record<string, unknown>;
    // `servers` names whichever address the document was fetched from.
    delete served['servers'];
    delete committed['servers'];
    assert.deepEqual(served, committed);
  });
});

describe('against a rate-limited gateway (1 request per second per API key)', () => {
  let gateway: Gateway;

  before(async () => {
    gateway = await startGateway({
      env: { Solifyn__RateLimits__ApiKeyPerSecond: '1', Solifyn__RateLimits__ApiKeyBurst: '1' },
    });
  }, { timeout: STARTUP_HOOK_TIMEOUT_MS });
  after(async () => {
    await gateway?.stop();
  });

  test('without retries the second call is a RateLimitError 429 RATE_LIMITED with Retry-After', { timeout: TEST_TIMEOUT_MS }, async () => {
    const solifyn = new Solifyn({ apiKey: API_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
    await solifyn.licenses.list();
    const error = await solifyn.licenses.list().catch((caught: unknown) => caught);

    assert.ok(error instanceof RateLimitError, `got ${String(error)}`);
    assert.equal(error.status, 429);
    assert.equal(error.code, 'RATE_LIMITED');
    assert.ok(Number(error.headers?.get('retry-after')) >= 1);
  });

  test('with retries the SDK waits out Retry-After and the call succeeds', { timeout: TEST_TIMEOUT_MS }, async () => {
    const solifyn = new Solifyn({ apiKey: API_KEY, baseURL: gateway.baseURL });
    const statuses: number[] = [];
    const watched = new Solifyn({
      apiKey: API_KEY,
      baseURL: gateway.baseURL,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        statuses.push(response.status);
        return response;
      },
    });
    await solifyn.licenses.list().catch(() => undefined); // take the one token

    const started = performance.now();
    const license = await watched.licenses.create({ productId: uniqueProduct(), customerId: 'cust_rl' });
    const elapsed = performance.now() - started;

    assert.match(license.id, /^lic_/);
    assert.equal(statuses[0], 429);
    assert.equal(statuses.at(-1), 200);
    assert.ok(elapsed >= 900, `succeeded after ${elapsed.toFixed(0)} ms, without waiting for Retry-After`);
  });
});
