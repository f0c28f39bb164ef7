/**
 * Webhooks: `solifyn.webhooks.unwrap` against deliveries signed by the npm `standardwebhooks` package (valid,
 * tampered, wrong secret, old and future timestamps, a rotation's two signatures, unknown types, typed narrowing),
 * and the `webhookEndpoints` and `events` resources against a local server that checks each request's method, path,
 * query and body and answers with the webhook wire contract's JSON (the gateway does not serve these routes yet).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import {
  NotFoundError,
  Solifyn,
  SolifynError,
  SolifynWebhookVerificationError,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  type WebhookVerificationReason,
} from 'solifyn';
import { TEST_TIMEOUT_MS } from './helpers/gateway.js';
import { json, LICENSE, problem, startFakeServer, type FakeServer, type SeenRequest } from './helpers/fake-server.js';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const SECRET = newSecret();
const SENT_AT = new Date('2026-11-30T12:00:00Z');
const EVENT_ID = 'evt_0123456789abcdefABCDEF';
const INSTANCE = { id: 'lki_1', name: 'Laptop', fingerprint: 'fp-1', createdAt: '2026-11-30T11:59:59.123Z' };

function eventBody(type: string, instance: unknown = null): string {
  return JSON.stringify({ id: EVENT_ID, type, createdAt: '2026-11-30T11:59:59.123Z', data: { license: LICENSE, instance } });
}

function headers(body: string, secrets: string[] = [SECRET], at: Date = SENT_AT): Record<string, string> {
  return {
    'webhook-id': EVENT_ID,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(EVENT_ID, at, body)).join(' '),
  };
}

const solifyn = new Solifyn({ apiKey: 'sk_test' });
const later = (seconds: number) => ({ now: new Date(SENT_AT.getTime() + seconds * 1000) });

function refusal(unwrap: () => unknown): WebhookVerificationReason {
  try {
    unwrap();
  } catch (error) {
    assert.ok(error instanceof SolifynWebhookVerificationError, `threw ${String(error)}`);
    assert.ok(error instanceof SolifynError);
    return error.reason;
  }
  assert.fail('unwrap accepted the delivery');
}

describe('webhooks.unwrap', () => {
  test('a delivery signed by the standardwebhooks package unwraps to the typed event', () => {
    const body = eventBody('license.activated', INSTANCE);

    const event = solifyn.webhooks.unwrap(body, headers(body), SECRET, later(0));

    assert.equal(event.id, EVENT_ID);
    assert.equal(event.type, 'license.activated');
    assert.equal(event.data.license.id, LICENSE.id);
    assert.deepEqual(event.data.instance, INSTANCE);
  });

  test('the body may be bytes (a Buffer from express.raw(), a Uint8Array) as well as text; parsed JSON is a TypeError', () => {
    const body = eventBody('license.activated', INSTANCE);
    const signed = headers(body);

    assert.equal(solifyn.webhooks.unwrap(Buffer.from(body, 'utf8'), signed, SECRET, later(0)).id, EVENT_ID);
    assert.equal(solifyn.webhooks.unwrap(new TextEncoder().encode(body), signed, SECRET, later(0)).id, EVENT_ID);
    const tampered = Buffer.from(body, 'utf8');
    tampered[tampered.length - 2]! ^= 1;
    assert.equal(refusal(() => solifyn.webhooks.unwrap(tampered, signed, SECRET, later(0))), 'BAD_SIGNATURE');
    assert.equal(refusal(() => solifyn.webhooks.unwrap(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]), signed, SECRET, later(0))), 'BAD_SIGNATURE');
    assert.throws(() => solifyn.webhooks.unwrap(JSON.parse(body) as unknown as string, signed, SECRET, later(0)), TypeError);
  });

  test('the type narrows the event: activations carry their instance, other types null', () => {
    const body = eventBody('license.deactivated', INSTANCE);
    const event: WebhookEvent = solifyn.webhooks.unwrap(body, headers(body), SECRET, later(0));

    let seen = '';
    switch (event.type) {
      case 'license.activated':
      case 'license.deactivated':
        seen = event.data.instance.id; // compiles only because the type narrowed instance to LicenseInstance
        break;
      case 'license.created':
        // @ts-expect-error: a license.created event's instance is null
        seen = event.data.instance.id;
        break;
      default:
        seen = event.data.license.id;
    }
    assert.equal(seen, 'lki_1');
  });

  test('a tampered body, another secret, or a changed header is BAD_SIGNATURE', () => {
    const body = eventBody('license.created');
    const signed = headers(body);

    assert.equal(refusal(() => solifyn.webhooks.unwrap(body.replace('"activationLimit":5', '"activationLimit":500'), signed, SECRET, later(0))), 'BAD_SIGNATURE');
    assert.equal(refusal(() => solifyn.webhooks.unwrap(`${body} `, signed, SECRET, later(0))), 'BAD_SIGNATURE');
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, signed, newSecret(), later(0))), 'BAD_SIGNATURE');
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, { ...signed, 'webhook-id': 'evt_other' }, SECRET, later(0))), 'BAD_SIGNATURE');
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, { ...signed, 'webhook-signature': 'v2,abc v1,notbase64' }, SECRET, later(0))), 'BAD_SIGNATURE');
  });

  test('a bad signature is reported before an old timestamp', () => {
    const body = eventBody('license.created');
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, headers(body), newSecret(), later(3600))), 'BAD_SIGNATURE');
  });

  test('timestamps within 5 minutes either way pass; beyond, TIMESTAMP_TOO_OLD or TIMESTAMP_IN_FUTURE', () => {
    const body = eventBody('license.created');
    for (const seconds of [0, 300, -300]) {
      assert.equal(solifyn.webhooks.unwrap(body, headers(body), SECRET, later(seconds)).id, EVENT_ID, `${seconds} s`);
    }
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, headers(body), SECRET, later(301))), 'TIMESTAMP_TOO_OLD');
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, headers(body), SECRET, later(86_400))), 'TIMESTAMP_TOO_OLD');
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, headers(body), SECRET, later(-301))), 'TIMESTAMP_IN_FUTURE');
    // `now` as milliseconds, and the real clock when it is left out.
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, headers(body), SECRET, { now: SENT_AT.getTime() + 301_000 })), 'TIMESTAMP_TOO_OLD');
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, headers(body), SECRET)), 'TIMESTAMP_TOO_OLD');
    const now = new Date();
    assert.equal(solifyn.webhooks.unwrap(body, headers(body, [SECRET], now), SECRET).id, EVENT_ID);
  });

  test('during a rotation either secret verifies the two-signature header; a third does not', () => {
    const body = eventBody('license.updated');
    const oldSecret = newSecret();
    const rotated = headers(body, [oldSecret, SECRET]);
    assert.match(rotated['webhook-signature'] ?? '', /^v1,\S+ v1,\S+$/);

    assert.equal(solifyn.webhooks.unwrap(body, rotated, oldSecret, later(0)).type, 'license.updated');
    assert.equal(solifyn.webhooks.unwrap(body, rotated, SECRET, later(0)).type, 'license.updated');
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, rotated, newSecret(), later(0))), 'BAD_SIGNATURE');
  });

  test('fetch Headers, upper-case names and repeated signature lines are read as one delivery', () => {
    const body = eventBody('license.revoked');
    const oldSecret = newSecret();
    const fetchHeaders = new Headers({ 'Webhook-Id': EVENT_ID, 'Webhook-Timestamp': String(SENT_AT.getTime() / 1000) });
    fetchHeaders.append('Webhook-Signature', new Webhook(oldSecret).sign(EVENT_ID, SENT_AT, body));
    fetchHeaders.append('Webhook-Signature', new Webhook(SECRET).sign(EVENT_ID, SENT_AT, body)); // get() joins with ", "

    assert.equal(solifyn.webhooks.unwrap(body, fetchHeaders, SECRET, later(0)).type, 'license.revoked');
    const upper = Object.fromEntries(Object.entries(headers(body)).map(([name, value]) => [name.toUpperCase(), value]));
    assert.equal(solifyn.webhooks.unwrap(body, upper, SECRET, later(0)).type, 'license.revoked');
    const nodeStyle = { ...headers(body, [oldSecret]), 'webhook-signature': [headers(body, [oldSecret])['webhook-signature'] ?? ''] };
    assert.equal(solifyn.webhooks.unwrap(body, nodeStyle, oldSecret, later(0)).type, 'license.revoked');
  });

  test('an event type this version does not list still unwraps', () => {
    const body = eventBody('license.transferred');
    const event = solifyn.webhooks.unwrap(body, headers(body), SECRET, later(0));
    assert.equal(event.type as string, 'license.transferred');
    assert.ok(!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(event.type));
    assert.equal(event.data.license.id, LICENSE.id);
  });

  test('missing or unreadable headers are MISSING_HEADER', () => {
    const body = eventBody('license.created');
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const without: Record<string, string> = { ...headers(body) };
      delete without[name];
      assert.equal(refusal(() => solifyn.webhooks.unwrap(body, without, SECRET, later(0))), 'MISSING_HEADER', name);
      assert.equal(refusal(() => solifyn.webhooks.unwrap(body, { ...headers(body), [name]: ' ' }, SECRET, later(0))), 'MISSING_HEADER', name);
    }
    assert.equal(refusal(() => solifyn.webhooks.unwrap(body, { ...headers(body), 'webhook-timestamp': 'soon' }, SECRET, later(0))), 'MISSING_HEADER');
  });

  test('a signed body that is not an event is MALFORMED_PAYLOAD', () => {
    for (const body of ['not json', 'null', '[]', JSON.stringify({ id: EVENT_ID, type: 'license.created', data: { license: null } })]) {
      assert.equal(refusal(() => solifyn.webhooks.unwrap(body, headers(body), SECRET, later(0))), 'MALFORMED_PAYLOAD', body);
    }
  });

  test('a secret that is not a whsec_ secret is a TypeError, not a refused delivery', () => {
    const body = eventBody('license.created');
    assert.throws(() => solifyn.webhooks.unwrap(body, headers(body), 'whsec_', later(0)), TypeError);
    assert.throws(() => solifyn.webhooks.unwrap(body, headers(body), 'whsec_not base64!', later(0)), TypeError);
  });
});

describe('a Node.js receiver', () => {
  test('verifies with req.headers as node:http gives them: 204 for a signed delivery, 400 with the reason for a tampered one', { timeout: TEST_TIMEOUT_MS }, async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        try {
          const event = solifyn.webhooks.unwrap(Buffer.concat(chunks).toString('utf8'), req.headers, SECRET);
          received.push(event.id);
          res.writeHead(204).end();
        } catch (error) {
          if (!(error instanceof SolifynWebhookVerificationError)) throw error;
          res.writeHead(400).end(error.reason);
        }
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/solifyn`;
      const body = eventBody('license.created');
      const signed = { 'content-type': 'application/json', ...headers(body, [SECRET], new Date()) };

      const ok = await fetch(url, { method: 'POST', headers: signed, body });
      const tampered = await fetch(url, { method: 'POST', headers: signed, body: body.replace('cust_1', 'cust_2') });

      assert.equal(ok.status, 204);
      assert.deepEqual([tampered.status, await tampered.text()], [400, 'BAD_SIGNATURE']);
      assert.deepEqual(received, [EVENT_ID]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});

// ---- resources ------------------------------------------------------------------------------------------------

const ENDPOINT = {
  id: 'we_0123456789abcdef',
  url: 'https://example.com/webhooks/solifyn',
  events: ['license.created', 'license.revoked'],
  description: 'CRM sync',
  status: 'ENABLED',
  statusReason: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
};
const EVENT = JSON.parse(eventBody('license.activated', INSTANCE)) as WebhookEvent;
const DELIVERY = {
  id: 'wd_1', endpointId: ENDPOINT.id, eventId: EVENT_ID, eventType: 'license.activated', attempt: 1,
  attemptedAt: '2026-11-30T12:00:00.250Z', outcome: 'FAILED', responseStatus: 500, error: 'HTTP_500', durationMs: 42,
  nextAttemptAt: '2026-11-30T12:00:10.250Z', responseBody: 'oops',
};

const servers: FakeServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

/** A server answering the listed exchanges in order, each checking the request it gets. */
async function contract(...exchanges: Array<{ expect: [string, string, unknown?]; status: number; answer?: unknown }>) {
  const server = await startFakeServer((request: SeenRequest, response: ServerResponse, index: number) => {
    const exchange = exchanges[index];
    if (!exchange) return json(response, 500, problem(500, 'UNEXPECTED_REQUEST'));
    const [method, url, body] = exchange.expect;
    const ok =
      request.method === method &&
      request.url === url &&
      request.headers['authorization'] === 'Bearer sk_test' &&
      (body === undefined ? request.body === '' : JSON.stringify(JSON.parse(request.body)) === JSON.stringify(body)) &&
      (method === 'GET' || typeof request.headers['idempotency-key'] === 'string');
    if (!ok) return json(response, 418, problem(418, 'CONTRACT_MISMATCH', { detail: `${request.method} ${request.url} ${request.body}` }));
    if (exchange.answer === undefined) {
      response.writeHead(exchange.status);
      response.end();
    } else json(response, exchange.status, exchange.answer);
  });
  servers.push(server);
  return { client: new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL, maxRetries: 0 }), server };
}

describe('webhookEndpoints and events', () => {
  test('create posts url, events and description and gets the endpoint with its secret', { timeout: TEST_TIMEOUT_MS }, async () => {
    const params = { url: ENDPOINT.url, events: ['license.created' as const, 'license.revoked' as const], description: 'CRM sync' };
    const { client } = await contract({ expect: ['POST', '/v1/webhook-endpoints', params], status: 201, answer: { ...ENDPOINT, secret: SECRET } });

    const endpoint = await client.webhookEndpoints.create(params);

    assert.equal(endpoint.secret, SECRET);
    assert.deepEqual(endpoint.events, ['license.created', 'license.revoked']);
    assert.equal(endpoint.statusReason, null);
  });

  test('retrieve, update, rotateSecret and delete use their routes and bodies', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { client, server } = await contract(
      { expect: ['GET', '/v1/webhook-endpoints/we_a%2Fb'], status: 200, answer: ENDPOINT },
      { expect: ['PATCH', '/v1/webhook-endpoints/we_1', { status: 'DISABLED', description: null }], status: 200,
        answer: { ...ENDPOINT, status: 'DISABLED', statusReason: 'DISABLED_BY_REQUEST', description: null } },
      { expect: ['POST', '/v1/webhook-endpoints/we_1/rotate-secret'], status: 200, answer: { ...ENDPOINT, secret: SECRET } },
      { expect: ['DELETE', '/v1/webhook-endpoints/we_1'], status: 204 },
    );

    assert.equal((await client.webhookEndpoints.retrieve('we_a/b')).secret, undefined);
    const disabled = await client.webhookEndpoints.update('we_1', { status: 'DISABLED', description: null });
    assert.equal(disabled.statusReason, 'DISABLED_BY_REQUEST');
    assert.equal((await client.webhookEndpoints.rotateSecret('we_1')).secret, SECRET);
    assert.equal(await client.webhookEndpoints.delete('we_1'), undefined);
    assert.equal(server.requests.length, 4);
  });

  test('list pages with limit and startingAfter; iteration walks every page', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { client } = await contract(
      { expect: ['GET', '/v1/webhook-endpoints?limit=1'], status: 200, answer: { data: [{ ...ENDPOINT, id: 'we_2' }], hasMore: true } },
      { expect: ['GET', '/v1/webhook-endpoints?limit=1&startingAfter=we_2'], status: 200, answer: { data: [{ ...ENDPOINT, id: 'we_1' }], hasMore: false } },
    );

    const ids: string[] = [];
    for await (const endpoint of client.webhookEndpoints.list({ limit: 1 })) ids.push(endpoint.id);

    assert.deepEqual(ids, ['we_2', 'we_1']);
  });

  test('deliveries and retryDelivery', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { client } = await contract(
      { expect: ['GET', '/v1/webhook-endpoints/we_1/deliveries?limit=20'], status: 200, answer: { data: [DELIVERY], hasMore: false } },
      { expect: ['POST', `/v1/webhook-endpoints/we_1/deliveries/${EVENT_ID}/retry`], status: 202,
        answer: { eventId: EVENT_ID, endpointId: 'we_1', status: 'QUEUED' } },
    );

    const page = await client.webhookEndpoints.deliveries('we_1', { limit: 20 });
    assert.deepEqual(page.data, [DELIVERY]);
    assert.equal(page.hasMore, false);
    assert.deepEqual(await client.webhookEndpoints.retryDelivery('we_1', EVENT_ID), { eventId: EVENT_ID, endpointId: 'we_1', status: 'QUEUED' });
  });

  test('events.list filters by type; events.retrieve gets one; their events narrow like unwrapped ones', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { client } = await contract(
      { expect: ['GET', '/v1/events?limit=5&type=license.activated'], status: 200, answer: { data: [EVENT], hasMore: false } },
      { expect: ['GET', `/v1/events/${EVENT_ID}`], status: 200, answer: EVENT },
    );

    const page = await client.events.list({ limit: 5, type: 'license.activated' });
    const listed = page.data[0];
    assert.ok(listed?.type === 'license.activated');
    assert.equal(listed.data.instance.id, 'lki_1');
    assert.deepEqual(await client.events.retrieve(EVENT_ID), EVENT);
  });

  test('the contract\'s errors arrive typed with their code', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await startFakeServer((_request, response) => json(response, 404, problem(404, 'WEBHOOK_ENDPOINT_NOT_FOUND')));
    servers.push(server);
    const client = new Solifyn({ apiKey: 'sk_test', baseURL: server.baseURL });

    await assert.rejects(client.webhookEndpoints.retrieve('we_missing'), (error: unknown) =>
      error instanceof NotFoundError && error.code === 'WEBHOOK_ENDPOINT_NOT_FOUND');
  });
});
