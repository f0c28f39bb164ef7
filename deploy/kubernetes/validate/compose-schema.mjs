#!/usr/bin/env node
// Validates a Compose file against the current Compose Specification JSON schema (the format Compose v2 reads), as a
// stand-in for `docker compose config` where Compose v2 is not installed. The schema is the one bundled by the
// dclint package; only the schema is used, not dclint's style rules.
//
//   node compose-schema.mjs docker-compose.yml
//
// Like Compose: YAML merge keys (<<) are resolved, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error},
// ${VAR?error} and $$ are interpolated from the environment (a missing required variable is an error), then the
// whole file is validated. Also checks that depends_on names existing services and that every named volume used is
// declared at the top level.

import Ajv from "ajv";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import YAML from "yaml";

const file = process.argv[2] ?? "docker-compose.yml";
const require = createRequire(import.meta.url);
const schemaFile = path.join(path.dirname(require.resolve("dclint/package.json")), "schemas", "compose.schema.json");
const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
delete schema.$schema; // "https://json-schema.org/draft-07/schema": draft-07, which Ajv speaks by default
const errors = [];

const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"), { merge: true, uniqueKeys: true, strict: true });
for (const e of [...doc.errors, ...doc.warnings]) errors.push(`YAML: ${e.message.split("\n")[0]}`);
let model = errors.length ? null : doc.toJS({ maxAliasCount: 1000 });

function interpolate(value, at) {
  if (typeof value === "string") {
    return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (m, name, op, arg, bare) => {
        if (m === "$$") return "$";
        if (bare) return process.env[bare] ?? "";
        const v = process.env[name];
        const unsetOrEmpty = v === undefined || (op?.startsWith(":") && v === "");
        if (op === ":-" || op === "-") return unsetOrEmpty ? interpolate(arg, at) : v;
        if (op === ":?" || op === "?") {
          if (unsetOrEmpty) errors.push(`${at}: required variable ${name} is missing: ${arg}`);
          return v ?? "";
        }
        return v ?? "";
      });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, `${at}[${i}]`));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, `${at}.${k}`)]));
  }
  return value;
}

if (model) {
  model = interpolate(model, "");
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (!validate(model)) {
    for (const e of validate.errors) {
      errors.push(`schema: ${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` ("${e.params.additionalProperty}")` : ""}`);
    }
  }
  const services = model.services ?? {};
  const volumes = new Set(Object.keys(model.volumes ?? {}));
  for (const [name, s] of Object.entries(services)) {
    const deps = Array.isArray(s?.depends_on) ? s.depends_on : Object.keys(s?.depends_on ?? {});
    for (const d of deps) if (!(d in services)) errors.push(`services.${name}.depends_on: no service ${d}`);
    for (const v of s?.volumes ?? []) {
      const source = typeof v === "string" ? v.split(":")[0] : v?.type === "volume" ? v.source : null;
      if (source && !/^[./~]/.test(source) && !volumes.has(source)) errors.push(`services.${name}.volumes: volume ${source} is not declared`);
    }
  }
}

for (const e of errors) console.log(`ERROR ${file}: ${e}`);
const version = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve("dclint/package.json")), "package.json"), "utf8")).version;
console.log(errors.length
  ? `${file}: FAILED against the Compose Specification schema (dclint ${version})`
  : `${file}: OK against the Compose Specification schema (dclint ${version}), ${Object.keys(model.services ?? {}).length} services`);
process.exit(errors.length ? 1 : 0);
