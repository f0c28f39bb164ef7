/** The generated types are exactly what openapi-typescript makes from the committed OpenAPI document. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { packageDir, repoRoot, TEST_TIMEOUT_MS } from './helpers/gateway.js';

const run = promisify(execFile);

test('src/generated/openapi.ts equals a fresh openapi-typescript generation from openapi/v1.json', { timeout: TEST_TIMEOUT_MS }, async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'solifyn-openapi-'));
  try {
    const fresh = join(scratch, 'openapi.ts');
    const cli = join(packageDir, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    await run(process.execPath, [cli, join(repoRoot, 'openapi', 'v1.json'), '--output', fresh], { cwd: packageDir });

    const expected = await readFile(fresh, 'utf8');
    const committed = await readFile(join(packageDir, 'src', 'generated', 'openapi.ts'), 'utf8');
    assert.ok(expected.includes('export interface paths'), 'the generator produced types');
    assert.equal(committed, expected, 'the OpenAPI document changed: run `npm run generate` and commit the result');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
