import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  SolifynError,
} from './errors.js';

export const VERSION = '0.1.0';

/** Options of the `Solifyn` constructor. */
export interface ClientOptions {
  /**
   * Your secret API key, sent as `Authorization: Bearer <key>` on the business routes. Defaults to the
   * `SOLIFYN_API_KEY` environment variable. Not needed (and never sent) for activate, deactivate and validate.
   */
  apiKey?: string | undefined;
  /** The gateway's URL. Defaults to `SOLIFYN_BASE_URL`, else `http://localhost:5080`. */
  baseURL?: string | undefined;
  /** Milliseconds one attempt may take, response body included. Default 30,000. */
  timeout?: number | undefined;
  /** Retries after the first attempt on 429, 502/503/504, connection errors and timeouts. Default 2. */
  maxRetries?: number | undefined;
  /** A `fetch` implementation to use instead of the global one. */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string> | undefined;
}

/** Options of a single call, the last argument of every method. */
export interface RequestOptions {
  /**
   * The `Idempotency-Key` for this call (POST, PATCH, DELETE). By default the SDK makes one per call and reuses it
   * on each retry of that call, so a retry never does the work twice.
   */
  idempotencyKey?: string | undefined;
  /** Overrides the client's `timeout` for this call. */
  timeout?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
  /** Aborts the call (including waits between retries); throws `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RequestSpec {
  method: Method;
  path: string;
  query?: Record<string, string | number | boolean | undefined> | undefined;
  body?: unknown;
  /** False for the customer routes, whose credential is the license key in the body. */
  authenticated: boolean;
}

const DEFAULT_BASE_URL = 'http://localhost:5080';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
/** A Retry-After longer than this is not waited for inside a call: the error is thrown instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/** The transport shared by the resources: URL building, auth, timeouts, retries and error mapping. */
export class APIClient {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly #apiKey: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #defaultHeaders: Record<string, string>;

  constructor(options: ClientOptions = {}) {
    const env = readEnv();
    this.#apiKey = options.apiKey ?? env['SOLIFYN_API_KEY'];
    this.baseURL = (options.baseURL ?? env['SOLIFYN_BASE_URL'] ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.#defaultHeaders = options.defaultHeaders ?? {};
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new SolifynError('No global fetch: use Node.js 20 or later, or pass the `fetch` option.');
    }
    this.#fetch = fetchImpl;
  }

  async request<T>(spec: RequestSpec, options: RequestOptions = {}): Promise<T> {
    const url = this.#url(spec);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': `solifyn-typescript/${VERSION}`,
      ...this.#defaultHeaders,
    };
    if (spec.authenticated && this.#apiKey) headers['Authorization'] = `Bearer ${this.#apiKey}`;
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    // One key per logical call, made before the first attempt: every retry of this call sends the same key, so the
    // service replays the first outcome instead of, say, creating a second license.
    if (spec.method !== 'GET') headers['Idempotency-Key'] = options.idempotencyKey ?? crypto.randomUUID();
    Object.assign(headers, options.headers);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);

    const maxRetries = options.maxRetries ?? this.maxRetries;
    const timeout = options.timeout ?? this.timeout;
    for (let attempt = 0; ; attempt++) {
      let error: SolifynError;
      let retryAfterMs: number | undefined;
      try {
        const { status, headers: responseHeaders, body: responseBody } = await this.#attempt(
          url, { method: spec.method, headers, body }, timeout, options.signal,
        );
        if (status >= 200 && status < 300) return responseBody as T;
        error = SolifynError.fromResponse(status, responseHeaders, responseBody);
        retryAfterMs = parseRetryAfter(responseHeaders.get('retry-after'));
      } catch (caught) {
        if (!(caught instanceof APIConnectionError)) throw caught;
        error = caught;
      }

      if (attempt >= maxRetries || !isRetryable(error)) throw error;
      if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) throw error;
      await sleep(retryDelay(attempt, retryAfterMs), options.signal);
    }
  }

  /** One HTTP exchange, its body read and parsed within the same timeout. */
  async #attempt(
    url: string,
    init: { method: Method; headers: Record<string, string>; body: string | undefined },
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; headers: Headers; body: unknown }> {
    if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.#fetch(url, { ...init, signal: controller.signal });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: parseBody(text, response.headers) };
    } catch (caught) {
      if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: caught });
      if (timedOut) throw new APITimeoutError(`Request timed out after ${timeoutMs} ms.`, { cause: caught });
      const reason = caught instanceof Error ? causeMessage(caught) : String(caught);
      throw new APIConnectionError(`Connection error: ${reason}`, { cause: caught });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  #url(spec: RequestSpec): string {
    const url = new URL(this.baseURL + spec.path);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }
}

/**
 * What is worth another attempt: rate limits, "outcome unknown" answers (the retry carries the same
 * Idempotency-Key, so it lands on what the first attempt did), an attempt with this key still running, and
 * requests that got no response at all.
 */
function isRetryable(error: SolifynError): boolean {
  if (error instanceof APIConnectionError) return true;
  switch (error.status) {
    case 429:
    case 502:
    case 503:
    case 504:
      return true;
    case 409:
      return error.code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS';
    default:
      return false;
  }
}

/**
 * The wait before retry number `attempt + 1`: the server's Retry-After when it gave one (plus up to 10% so that
 * clients throttled together do not come back together), else exponential backoff (0.5 s, 1 s, 2 s, ... capped at
 * 8 s) with up to 25% taken off at random.
 */
export function retryDelay(attempt: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return retryAfterMs * (1 + Math.random() * 0.1);
  const backoff = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** attempt, MAX_RETRY_DELAY_MS);
  return backoff * (1 - Math.random() * 0.25);
}

/** Retry-After as milliseconds: delay-seconds (what this service sends) or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function parseBody(text: string, headers: Headers): unknown {
  if (text === '') return undefined;
  const type = headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError(undefined, { cause: signal.reason }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError(undefined, { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** fetch's own message is just "fetch failed"; the useful part (ECONNREFUSED, ...) is in its cause. */
function causeMessage(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error) return `${error.message} (${cause.message})`;
  return error.message;
}

function readEnv(): Record<string, string | undefined> {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return process?.env ?? {};
}
