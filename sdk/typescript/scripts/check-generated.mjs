// Fails when src/generated/openapi.ts is not exactly what `npm run generate` makes from ../../openapi/v1.json,
// i.e. when the OpenAPI document changed and the types were not regenerated (or the file was edited by hand).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const document = resolve(packageDir, '..', '..', 'openapi', 'v1.json');
const committed = join(packageDir, 'src', 'generated', 'openapi.ts');

const scratch = mkdtempSync(join(tmpdir(), 'solifyn-openapi-'));
try {
  const fresh = join(scratch, 'openapi.ts');
  execFileSync(process.execPath, [join(packageDir, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), document, '--output', fresh], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(`${committed} differs from a fresh generation from ${document}: run \`npm run generate\`.`);
    process.exit(1);
  }
  console.log('src/generated/openapi.ts is up to date with openapi/v1.json.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
