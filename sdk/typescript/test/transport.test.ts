/**
 * Retries, backoff, Retry-After, idempotency keys, timeouts and error mapping, against a local server that fails on
 * demand (the real gateway is exercised in gateway.test.ts).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  ConflictError,
  RateLimitError,
  ServiceUnavailableError,
  Solifyn,
  SolifynError,
  ValidationError,
} from 'solifyn';
import { freePorts, TEST_TIMEOUT_MS } from './helpers/gateway.js';
import { json, LICENSE, problem, startFakeServer, type FakeServer } from './helpers/fake-server.js';

const servers: FakeServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

/** A fake server answering each request by its index: the listed steps first, then 200 with a license. */
async function serverWith(steps: Array<(response: import('node:http').ServerResponse) => void>) {
  const server = await startFakeServer((_request, response, index) => {
    const step = steps[index];
    if (step) step(response);
    else json(response, 200, LICENSE);
  });
  servers.push(server);
  return server;
}

const unavailable = (retryAfter?: string) => (response: import('node:http').ServerResponse) =>
  json(response, 503, problem(503, 'SERVICE_UNAVAILABLE'), retryAfter === undefined ? {} : { 'Retry-After': retryAfter });

const createParams = { productId: 'prod_1', customerId: 'cust_1' };

describe('retries', () => {
  test('a create that meets 503 twice is retried and succeeds, sending one Idempotency-Key on all three attempts', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([unavailable('0'), unavailable('0')]);
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    const license = await solifyn.licenses.create(createParams);

    assert.equal(license.id, LICENSE.id);
    assert.equal(server.requests.length, 3);
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    assert.match(String(keys[0]), /^[0-9a-f-]{36}$/);
    assert.deepEqual(keys, [keys[0], keys[0], keys[0]]);
    assert.deepEqual(server.requests.map((request) => JSON.parse(request.body)), [createParams, createParams, createParams]);
  });

  test('a 503 with Retry-After: 1 is retried no sooner than one second later', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([unavailable('1')]);
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    await solifyn.licenses.create(createParams);

    const [first, second] = server.requests;
    assert.ok(first && second);
    const gap = second.at - first.at;
    assert.ok(gap >= 1000, `retried after ${gap.toFixed(0)} ms, before Retry-After's 1 s`);
    assert.ok(gap < 2000, `retried after ${gap.toFixed(0)} ms, far later than Retry-After's 1 s`);
    assert.equal(second.headers['idempotency-key'], first.headers['idempotency-key']);
  });

  test('a 429 with Retry-After: 1 is retried no sooner than one second later', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([
      (response) => json(response, 429, problem(429, 'RATE_LIMITED'), { 'Retry-After': '1' }),
    ]);
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    const license = await solifyn.licenses.retrieve(LICENSE.id);

    assert.equal(license.id, LICENSE.id);
    const [first, second] = server.requests;
    assert.ok(first && second);
    assert.ok(second.at - first.at >= 1000, `retried after ${(second.at - first.at).toFixed(0)} ms`);
  });

  test('without Retry-After the wait backs off exponentially: about 0.5 s, then about 1 s', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([unavailable(), unavailable()]);
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    await solifyn.licenses.retrieve(LICENSE.id);

    const [a, b, c] = server.requests.map((request) => request.at);
    assert.ok(a !== undefined && b !== undefined && c !== undefined);
    // 0.5 s and 1 s, each less up to 25% jitter.
    assert.ok(b - a >= 370 && b - a < 900, `first wait ${(b - a).toFixed(0)} ms`);
    assert.ok(c - b >= 740 && c - b < 1500, `second wait ${(c - b).toFixed(0)} ms`);
  });

  test('a dropped connection is retried with the same Idempotency-Key', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([(response) => response.socket?.destroy()]);
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    await solifyn.licenses.update(LICENSE.id, { activationLimit: 3 });

    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[0]?.method, 'PATCH');
    assert.ok(server.requests[0]?.headers['idempotency-key']);
    assert.equal(server.requests[1]?.headers['idempotency-key'], server.requests[0]?.headers['idempotency-key']);
  });

  test('409 IDEMPOTENCY_REQUEST_IN_PROGRESS is retried; other conflicts are not', { timeout: TEST_TIMEOUT_MS }, async () => {
    const inProgress = await serverWith([
      (response) => json(response, 409, problem(409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS'), { 'Retry-After': '0' }),
    ]);
    await new Solifyn({ apiKey: 'k', baseURL: inProgress.baseURL }).licenses.create(createParams);
    assert.equal(inProgress.requests.length, 2);

    const exists = await serverWith([(response) => json(response, 409, problem(409, 'LICENSE_KEY_EXISTS'))]);
    await assert.rejects(new Solifyn({ apiKey: 'k', baseURL: exists.baseURL }).licenses.create(createParams), ConflictError);
    assert.equal(exists.requests.length, 1);
  });

  test('gives up after maxRetries and throws ServiceUnavailableError with status, code and requestId', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith(Array.from({ length: 10 }, () => unavailable('0')));
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL, maxRetries: 3 });

    const error = await solifyn.licenses.create(createParams).catch((caught: unknown) => caught);

    assert.ok(error instanceof ServiceUnavailableError);
    assert.ok(error instanceof SolifynError);
    assert.equal(error.status, 503);
    assert.equal(error.code, 'SERVICE_UNAVAILABLE');
    assert.equal(error.requestId, '00-trace-503');
    assert.equal(server.requests.length, 4);
  });

  test('a per-request maxRetries of 0 makes one attempt', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([unavailable('0')]);
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    await assert.rejects(solifyn.licenses.create(createParams, { maxRetries: 0 }), ServiceUnavailableError);
    assert.equal(server.requests.length, 1);
  });

  test('a Retry-After over 60 s is not waited for: the RateLimitError is thrown at once', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([
      (response) => json(response, 429, problem(429, 'RATE_LIMITED'), { 'Retry-After': '3600' }),
    ]);
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    const started = performance.now();
    await assert.rejects(solifyn.licenses.list(), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.headers?.get('retry-after'), '3600');
      return true;
    });
    assert.ok(performance.now() - started < 1000);
    assert.equal(server.requests.length, 1);
  });

  test('400 is not retried and becomes a ValidationError with its field errors', { timeout: TEST_TIMEOUT_MS }, async () => {
    const errors = [{ field: 'productId', code: 'REQUIRED', detail: "'productId' is required." }];
    const server = await serverWith([(response) => json(response, 400, problem(400, 'VALIDATION_FAILED', { errors }))]);
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    const error = await solifyn.licenses.create(createParams).catch((caught: unknown) => caught);

    assert.ok(error instanceof ValidationError);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.errors, errors);
    assert.equal(server.requests.length, 1);
  });
});

describe('idempotency keys', () => {
  test('a caller-supplied idempotencyKey is sent as is', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([]);
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    await solifyn.licenses.create(createParams, { idempotencyKey: 'order-1234' });

    assert.equal(server.requests[0]?.headers['idempotency-key'], 'order-1234');
  });

  test('each call gets its own key; DELETE gets one; GET gets none', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([]);
    const solifyn = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    await solifyn.licenses.create(createParams);
    await solifyn.licenses.create(createParams);
    await solifyn.licenses.deleteInstance(LICENSE.id, 'lki_1');
    await solifyn.licenses.retrieve(LICENSE.id);

    const [first, second, remove, get] = server.requests;
    assert.ok(first?.headers['idempotency-key'] && second?.headers['idempotency-key']);
    assert.notEqual(first.headers['idempotency-key'], second.headers['idempotency-key']);
    assert.equal(remove?.method, 'DELETE');
    assert.equal(remove.url, `/v1/licenses/${LICENSE.id}/instances/lki_1`);
    assert.ok(remove.headers['idempotency-key']);
    assert.equal(get?.method, 'GET');
    assert.equal(get.headers['idempotency-key'], undefined);
  });
});

describe('requests', () => {
  test('business routes send the bearer key; customer routes never do', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([]);
    const solifyn = new Solifyn({ apiKey: 'sk_secret', baseURL: server.baseURL });

    await solifyn.licenses.retrieve(LICENSE.id);
    await solifyn.licenses.validate({ businessId: 'biz_1', key: 'KEY' });
    await solifyn.licenses.activate({ businessId: 'biz_1', key: 'KEY', name: 'Laptop' });
    await solifyn.licenses.deactivate({ businessId: 'biz_1', key: 'KEY', instanceId: 'lki_1' });

    assert.deepEqual(
      server.requests.map((request) => [request.method, request.url, request.headers['authorization']]),
      [
        ['GET', `/v1/licenses/${LICENSE.id}`, 'Bearer sk_secret'],
        ['POST', '/v1/licenses/validate', undefined],
        ['POST', '/v1/licenses/activate', undefined],
        ['POST', '/v1/licenses/deactivate', undefined],
      ],
    );
    assert.equal(server.requests[1]?.headers['content-type'], 'application/json');
  });

  test('list sends its filters as query parameters and path ids are URL-encoded', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([(response) => json(response, 200, { data: [], hasMore: false })]);
    const solifyn = new Solifyn({ apiKey: 'k', baseURL: `${server.baseURL}/` });

    const page = await solifyn.licenses.list({ productId: 'prod 1', limit: 5, archived: false, status: 'ACTIVE' });
    await solifyn.licenses.retrieve('lic_a/b?c');

    assert.deepEqual(page, { data: [], hasMore: false });
    assert.equal(server.requests[0]?.url, '/v1/licenses?productId=prod+1&limit=5&archived=false&status=ACTIVE');
    assert.equal(server.requests[1]?.url, '/v1/licenses/lic_a%2Fb%3Fc');
  });

  test('a 401 becomes an AuthenticationError', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([(response) => json(response, 401, problem(401, 'INVALID_API_KEY'))]);
    const solifyn = new Solifyn({ apiKey: 'wrong', baseURL: server.baseURL });

    await assert.rejects(solifyn.business.retrieve(), (error: unknown) =>
      error instanceof AuthenticationError && error.status === 401 && error.code === 'INVALID_API_KEY');
  });
});

describe('pagination', () => {
  const license = (id: string) => ({ ...LICENSE, id });

  test('pages() yields each page in turn, asking for the next with the last id while hasMore', async () => {
    const server = await serverWith([
      (response) => json(response, 200, { data: [license('lic_c'), license('lic_b')], hasMore: true }),
      (response) => json(response, 200, { data: [license('lic_a')], hasMore: false }),
    ]);
    const solifyn = new Solifyn({ apiKey: 'k', baseURL: server.baseURL });

    const pages = [];
    for await (const page of solifyn.licenses.list({ limit: 2 }).pages()) pages.push(page.data.map((each) => each.id));

    assert.deepEqual(pages, [['lic_c', 'lic_b'], ['lic_a']]);
    assert.deepEqual(server.requests.map((request) => request.url), ['/v1/licenses?limit=2', '/v1/licenses?limit=2&startingAfter=lic_b']);
  });

  test('awaiting and then iterating the same list reuses the first page; an empty page ends the iteration', async () => {
    const server = await serverWith([
      (response) => json(response, 200, { data: [license('lic_b')], hasMore: true }),
      (response) => json(response, 200, { data: [], hasMore: true }),
    ]);
    const solifyn = new Solifyn({ apiKey: 'k', baseURL: server.baseURL });

    const list = solifyn.licenses.list();
    assert.equal(server.requests.length, 0, 'nothing is requested before the list is awaited or iterated');
    const first = await list;
    const ids = [];
    for await (const each of list) ids.push(each.id);

    assert.deepEqual(first.data.map((each) => each.id), ['lic_b']);
    assert.deepEqual(ids, ['lic_b']);
    assert.equal(server.requests.length, 2);
  });
});

describe('timeouts and connection errors', () => {
  test('a server that never answers ends in APITimeoutError after the timeout, each attempt timed out and retried', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await startFakeServer(() => {
      /* never answer */
    });
    servers.push(server);
    const solifyn = new Solifyn({ apiKey: 'k', baseURL: server.baseURL, timeout: 200, maxRetries: 1 });

    const started = performance.now();
    const error = await solifyn.licenses.create(createParams).catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;

    assert.ok(error instanceof APITimeoutError, `got ${String(error)}`);
    assert.ok(error instanceof APIConnectionError);
    assert.equal(error.status, undefined);
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[1]?.headers['idempotency-key'], server.requests[0]?.headers['idempotency-key']);
    // Two 200 ms attempts and one backoff of at most 500 ms.
    assert.ok(elapsed >= 400 && elapsed < 2500, `took ${elapsed.toFixed(0)} ms`);
  });

  test('a per-request timeout overrides the client default of 30 s', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await startFakeServer(() => {});
    servers.push(server);
    const solifyn = new Solifyn({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 0 });

    const started = performance.now();
    await assert.rejects(solifyn.licenses.retrieve(LICENSE.id, { timeout: 150 }), APITimeoutError);
    assert.ok(performance.now() - started < 2000);
  });

  test('a refused connection ends in APIConnectionError (not a timeout) after the retries', { timeout: TEST_TIMEOUT_MS }, async () => {
    const [port] = await freePorts(1);
    const solifyn = new Solifyn({ apiKey: 'k', baseURL: `http://127.0.0.1:${port}`, maxRetries: 1 });

    const error = await solifyn.licenses.retrieve(LICENSE.id).catch((caught: unknown) => caught);

    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    assert.ok(!(error instanceof APITimeoutError));
    assert.match(error.message, /ECONNREFUSED/);
  });

  test("the caller's signal aborts the call, including the wait between retries, without retrying", { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await serverWith([unavailable('30')]);
    const solifyn = new Solifyn({ apiKey: 'k', baseURL: server.baseURL });

    const started = performance.now();
    await assert.rejects(
      solifyn.licenses.create(createParams, { signal: AbortSignal.timeout(300) }),
      APIUserAbortError,
    );
    assert.ok(performance.now() - started < 2000);
    assert.equal(server.requests.length, 1);
  });
});
