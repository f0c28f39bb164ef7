/**
 * The error codes the SDK knows are the OpenAPI document's: `ERROR_CODES` and `FIELD_ERROR_CODES` equal the enums
 * of openapi/v1.json, every code its documentation mentions is one of them, and the types accept a code a newer
 * service adds. The compile-time checks here fail `npm run build:test`, and so the test run, when they stop holding.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  ERROR_CODES,
  FIELD_ERROR_CODES,
  SolifynError,
  ValidationError,
  type ErrorCode,
  type FieldError,
  type FieldErrorCode,
  type LicenseListParams,
  type LicenseStatus,
  type LicenseUpdateParams,
} from 'solifyn';
import { packageDir, repoRoot } from './helpers/gateway.js';

interface Schema {
  enum?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

async function problemSchema(): Promise<Schema> {
  const document = JSON.parse(await readFile(join(repoRoot, 'openapi', 'v1.json'), 'utf8')) as {
    components: { schemas: Record<string, Schema> };
  };
  const schema = document.components.schemas['ProblemDetails'];
  assert.ok(schema, 'openapi/v1.json has components.schemas.ProblemDetails');
  return schema;
}

async function documentedErrorCodes(): Promise<string[]> {
  const codes = (await problemSchema()).properties?.['code']?.enum;
  assert.ok(codes && codes.length > 0, 'ProblemDetails.code is an enum');
  return codes;
}

async function documentedFieldErrorCodes(): Promise<string[]> {
  const codes = (await problemSchema()).properties?.['errors']?.items?.properties?.['code']?.enum;
  assert.ok(codes && codes.length > 0, 'ProblemDetails.errors[].code is an enum');
  return codes;
}

const sorted = (codes: readonly string[]) => [...codes].sort();

test('ERROR_CODES is exactly the enum of ProblemDetails.code in openapi/v1.json', async () => {
  assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length, 'no code is listed twice');
  assert.deepEqual(sorted(ERROR_CODES), sorted(await documentedErrorCodes()));
});

test('FIELD_ERROR_CODES is exactly the enum of ProblemDetails.errors[].code in openapi/v1.json', async () => {
  assert.equal(new Set(FIELD_ERROR_CODES).size, FIELD_ERROR_CODES.length, 'no code is listed twice');
  assert.deepEqual(sorted(FIELD_ERROR_CODES), sorted(await documentedFieldErrorCodes()));
});

test('every code the README (errors and retries) and the error docs mention is a code of the document', async () => {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const sections = ['## Retries and idempotency', '## Errors'].map((heading) => {
    const start = readme.indexOf(heading);
    assert.ok(start >= 0, `README has a '${heading}' section`);
    const end = readme.indexOf('\n## ', start + heading.length);
    return readme.slice(start, end < 0 ? undefined : end);
  });
  const sources = await Promise.all(['errors.ts', 'codes.ts'].map((file) => readFile(join(packageDir, 'src', file), 'utf8')));

  // UPPER_SNAKE words anywhere, single upper-case words in backticks (`BLANK`), and any upper-case word compared
  // with a code (`case 'X'`, `code === 'X'`).
  const mentioned = new Set<string>();
  for (const text of [...sections, ...sources]) {
    for (const [word] of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) mentioned.add(word);
    for (const [, word] of text.matchAll(/`([A-Z][A-Z0-9]+)`/g)) mentioned.add(word ?? '');
    for (const [, word] of text.matchAll(/(?:case |code === )'([A-Z][A-Z0-9_]+)'/g)) mentioned.add(word ?? '');
  }
  for (const exported of ['ERROR_CODES', 'FIELD_ERROR_CODES']) mentioned.delete(exported);

  const known = new Set([...(await documentedErrorCodes()), ...(await documentedFieldErrorCodes())]);
  assert.ok(mentioned.size >= 20, `found the codes the docs mention (${[...mentioned].join(', ')})`);
  assert.deepEqual([...mentioned].filter((code) => !known.has(code)).sort(), [], 'codes the docs mention but the document does not have');
});

test('a code the SDK does not know yet (from a newer service) arrives as it was sent', () => {
  const error = SolifynError.fromResponse(400, new Headers(), {
    status: 400,
    code: 'BRAND_NEW_CODE',
    errors: [{ field: 'name', code: 'BRAND_NEW_FIELD_CODE', detail: 'A new rule.' }],
  });

  assert.ok(error instanceof ValidationError);
  assert.equal(error.code, 'BRAND_NEW_CODE');
  assert.deepEqual(error.errors, [{ field: 'name', code: 'BRAND_NEW_FIELD_CODE', detail: 'A new rule.' }]);
  assert.match(error.message, /^400 BRAND_NEW_CODE: /);
});

// Compile-time checks: `npm run build:test` fails when one of these stops holding.

/** `true` only when `A` and `B` are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

// The runtime lists are exactly the generated types.
assertType<Equals<(typeof ERROR_CODES)[number], ErrorCode>>();
assertType<Equals<(typeof FIELD_ERROR_CODES)[number], FieldErrorCode>>();

// The known codes are closed types; the fields of errors take them and, for a newer service, any string.
// @ts-expect-error not a code of the document
const notACode: ErrorCode = 'LICENSE_KEY_EXIST';
// @ts-expect-error not a field code of the document
const notAFieldCode: FieldErrorCode = 'MISSING';
const known: SolifynError['code'] = 'LICENSE_KEY_EXISTS';
const newer: SolifynError['code'] = 'A_CODE_ADDED_LATER';
const newerField: FieldError['code'] = 'A_FIELD_CODE_ADDED_LATER';
assertType<Equals<SolifynError['code'], ErrorCode | (string & {}) | undefined>>();
void [notACode, notAFieldCode, known, newer, newerField];

// The update body: status and archived can be changed or left out, never cleared; the clearable fields take null.
const change: LicenseUpdateParams = { status: 'REVOKED', archived: true };
const clear: LicenseUpdateParams = { activationLimit: null, expiresAt: null, expiryHours: null, activationMessage: null, filters: null };
// @ts-expect-error status is not nullable
const nullStatus: LicenseUpdateParams = { status: null };
// @ts-expect-error archived is not nullable
const nullArchived: LicenseUpdateParams = { archived: null };
// @ts-expect-error status is a LicenseStatus
const otherStatus: LicenseUpdateParams = { status: 'PAUSED' };
assertType<Equals<Exclude<LicenseUpdateParams['status'], undefined>, LicenseStatus>>();
assertType<Equals<Exclude<LicenseUpdateParams['archived'], undefined>, boolean>>();
void [change, clear, nullStatus, nullArchived, otherStatus];

// The list's query is the document's: every parameter the service reads, nothing else.
assertType<Equals<keyof LicenseListParams, 'limit' | 'startingAfter' | 'productId' | 'customerId' | 'status' | 'archived'>>();
assertType<Equals<Exclude<LicenseListParams['status'], undefined>, LicenseStatus>>();
