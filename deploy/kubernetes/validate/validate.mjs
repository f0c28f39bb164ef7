#!/usr/bin/env node
// Offline validation of the Kubernetes manifests in a kustomize directory (default: deploy/kubernetes).
//
//   node validate.mjs [DIR]        (after `npm ci` in this folder)
//
// 1. kustomization.yaml: known fields; every resource (and patch/generator file) it names exists; every manifest in
//    DIR is listed (an unlisted file would silently never be applied); no remote resources.
// 2. Every YAML document parses strictly (no duplicate keys) and has a kind known to the Kubernetes OpenAPI schemas
//    shipped by kubernetes-models; the object validates against its schema (types, required fields, enums, formats).
// 3. Unknown fields (a typo such as `readinesProbe` passes the OpenAPI schema, which allows extra properties): each
//    object is type-checked by TypeScript against the same models' interfaces, whose excess-property check rejects
//    any field the API does not define.
// 4. References between objects: selectors match pod templates, configMapKeyRef/secretKeyRef/envFrom, service
//    accounts, role bindings, named ports in probes and Services, volume mounts, StatefulSet serviceName; no duplicate
//    objects; one namespace.
// 5. Orleans Kubernetes hosting (Solifyn__Cluster__Kubernetes=true): downward-API env, orleans/serviceId and
//    orleans/clusterId pod labels equal to ORLEANS_SERVICE_ID/ORLEANS_CLUSTER_ID and Solifyn's own ids, a service
//    account token, and a Role granting pods get/list/watch/patch.
// 6. When kubectl is on PATH: `kubectl kustomize DIR` renders, and every rendered object validates against its schema.
//
// Exit code 0 when everything passes, 1 otherwise; the last line is a one-line summary.

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? path.join(here, ".."));
const errors = [];
const notes = [];
const fail = (where, msg) => errors.push(`${where}: ${msg}`);

// ---------------------------------------------------------------------------------------------------------------
// 1. kustomization
const KUSTOMIZATION_FIELDS = new Set([
  "apiVersion", "kind", "metadata", "namespace", "namePrefix", "nameSuffix", "resources", "components", "images",
  "replicas", "labels", "commonLabels", "commonAnnotations", "patches", "patchesStrategicMerge", "patchesJson6902",
  "configMapGenerator", "secretGenerator", "generatorOptions", "replacements", "vars", "crds", "openapi",
  "buildMetadata", "sortOptions", "helmCharts", "transformers", "generators", "validators", "configurations",
  "inventory", "namespaceSelector",
]);
const kustFile = ["kustomization.yaml", "kustomization.yml", "Kustomization"].map((f) => path.join(dir, f))
  .find((f) => fs.existsSync(f));
let kust = null;
const listed = new Set();
if (!kustFile) {
  fail(dir, "no kustomization.yaml");
} else {
  const rel = path.relative(process.cwd(), kustFile);
  kust = parseYamlFile(kustFile)[0]?.obj ?? null;
  if (!kust || typeof kust !== "object") {
    fail(rel, "empty or not a mapping");
  } else {
    if (kust.apiVersion !== undefined && kust.apiVersion !== "kustomize.config.k8s.io/v1beta1")
      fail(rel, `apiVersion ${kust.apiVersion} is not kustomize.config.k8s.io/v1beta1`);
    if (kust.kind !== undefined && kust.kind !== "Kustomization") fail(rel, `kind ${kust.kind} is not Kustomization`);
    for (const k of Object.keys(kust)) if (!KUSTOMIZATION_FIELDS.has(k)) fail(rel, `unknown field "${k}"`);
    const resources = kust.resources ?? [];
    if (!Array.isArray(resources) || resources.length === 0) fail(rel, "resources must be a non-empty list");
    const seen = new Set();
    for (const r of Array.isArray(resources) ? resources : []) {
      if (typeof r !== "string") { fail(rel, `resource ${JSON.stringify(r)} is not a path`); continue; }
      if (seen.has(r)) fail(rel, `resource ${r} is listed twice`);
      seen.add(r);
      if (/^[a-z]+:\/\//i.test(r) || r.startsWith("github.com/")) { fail(rel, `remote resource ${r} cannot be checked offline`); continue; }
      const p = path.resolve(dir, r);
      if (!fs.existsSync(p)) fail(rel, `resource ${r} does not exist`);
      else if (fs.statSync(p).isDirectory()) {
        if (!["kustomization.yaml", "kustomization.yml", "Kustomization"].some((f) => fs.existsSync(path.join(p, f))))
          fail(rel, `resource directory ${r} has no kustomization.yaml`);
        else notes.push(`resource directory ${r} is not validated by this script (only its existence)`);
      } else listed.add(p);
    }
    const fileRefs = [];
    for (const p of kust.patches ?? []) if (p?.path) fileRefs.push(p.path);
    for (const p of kust.patchesStrategicMerge ?? []) if (typeof p === "string" && !p.includes("\n")) fileRefs.push(p);
    for (const p of kust.patchesJson6902 ?? []) if (p?.path) fileRefs.push(p.path);
    for (const c of kust.components ?? []) fileRefs.push(c);
    for (const g of [...(kust.configMapGenerator ?? []), ...(kust.secretGenerator ?? [])]) {
      for (const f of g.files ?? []) fileRefs.push(String(f).includes("=") ? String(f).split("=").slice(1).join("=") : f);
      for (const e of g.envs ?? []) fileRefs.push(e);
      if (g.env) fileRefs.push(g.env);
    }
    for (const f of fileRefs) if (!fs.existsSync(path.resolve(dir, f))) fail(rel, `${f} (referenced) does not exist`);
    for (const img of kust.images ?? []) if (!img?.name) fail(rel, "an images entry has no name");
  }
}

// Every manifest in DIR must be listed (patches and generator inputs are not manifests).
const referencedNonResources = new Set(
  [...(kust?.patches ?? []).map((p) => p?.path), ...(kust?.patchesStrategicMerge ?? []), ...(kust?.patchesJson6902 ?? []).map((p) => p?.path)]
    .filter((p) => typeof p === "string").map((p) => path.resolve(dir, p)));
const manifestFiles = fs.readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f) && !/^kustomization\.ya?ml$/.test(f))
  .map((f) => path.join(dir, f))
  .filter((f) => fs.statSync(f).isFile() && !referencedNonResources.has(f));
for (const f of manifestFiles) if (kust && !listed.has(f)) fail(rel(f), "not listed in kustomization.yaml resources (it would never be applied)");
const files = [...new Set([...manifestFiles, ...listed])].filter((f) => fs.existsSync(f)).sort();

// ---------------------------------------------------------------------------------------------------------------
// 2. parse + schema
function rel(f) { return path.relative(process.cwd(), f) || f; }
function parseYamlFile(file) {
  const text = fs.readFileSync(file, "utf8");
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true, strict: true });
  const out = [];
  docs.forEach((doc, i) => {
    for (const e of doc.errors) fail(`${rel(file)}#${i + 1}`, `YAML error: ${e.message.split("\n")[0]}`);
    for (const w of doc.warnings) fail(`${rel(file)}#${i + 1}`, `YAML warning: ${w.message.split("\n")[0]}`);
    if (doc.errors.length) return;
    const obj = doc.toJS({ maxAliasCount: 100 });
    if (obj !== null && obj !== undefined) out.push({ obj, where: `${rel(file)}#${i + 1}` });
  });
  return out;
}

function modulePathOf(obj) {
  if (typeof obj?.apiVersion !== "string" || typeof obj?.kind !== "string") return null;
  if (!/^[A-Za-z0-9.\-]+(\/[A-Za-z0-9]+)?$/.test(obj.apiVersion) || !/^[A-Za-z0-9]+$/.test(obj.kind)) return null;
  return `kubernetes-models/${obj.apiVersion}/${obj.kind}`;
}

async function schemaCheck(obj, where) {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) { fail(where, "document is not a mapping"); return false; }
  const mod = modulePathOf(obj);
  if (!mod) { fail(where, `missing or malformed apiVersion/kind (${obj.apiVersion} ${obj.kind})`); return false; }
  let Model;
  try {
    Model = (await import(mod))[obj.kind];
  } catch {
    Model = undefined;
  }
  if (typeof Model !== "function" || Model.kind !== obj.kind || Model.apiVersion !== obj.apiVersion) {
    fail(where, `unknown kind ${obj.kind} in ${obj.apiVersion} (not in the Kubernetes API schemas)`);
    return false;
  }
  if (typeof obj.metadata?.name !== "string" || !obj.metadata.name) fail(where, "metadata.name is required");
  try {
    new Model(obj).validate();
  } catch (e) {
    const list = e?.errors?.length ? e.errors.map((x) => `${x.instancePath || "/"} ${x.message}${x.params?.allowedValues ? ` (${x.params.allowedValues.join(", ")})` : ""}`) : [String(e?.message ?? e)];
    for (const m of list) fail(where, `schema: ${m}`);
  }
  // A known kind goes on to the field and reference checks even when its schema check failed, to report everything.
  return true;
}

const objects = [];
for (const f of files) {
  for (const d of parseYamlFile(f)) {
    if (await schemaCheck(d.obj, d.where)) objects.push(d);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 3. unknown fields, with TypeScript against kubernetes-models' interfaces
if (objects.length) {
  const checkDir = path.join(here, ".check");
  fs.rmSync(checkDir, { recursive: true, force: true });
  fs.mkdirSync(checkDir, { recursive: true });
  const byFile = new Map();
  objects.forEach(({ obj, where }, i) => {
    const name = `doc${String(i).padStart(3, "0")}.ts`;
    byFile.set(name, where);
    fs.writeFileSync(path.join(checkDir, name),
      `import type { I${obj.kind} } from "${modulePathOf(obj)}";\n` +
      `export const doc: I${obj.kind} = ${JSON.stringify(obj, null, 2)};\n`);
  });
  fs.writeFileSync(path.join(checkDir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler",
      skipLibCheck: true, types: [], pretty: false,
    },
    include: ["*.ts"],
  }));
  const tsc = path.join(here, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(checkDir, "tsconfig.json")], { encoding: "utf8" });
  if (r.status !== 0) {
    const out = `${r.stdout}${r.stderr}`.trim();
    const lines = out.split("\n").filter((l) => l.trim());
    if (!lines.some((l) => /error TS\d+/.test(l))) fail("typescript", out || `tsc exited ${r.status}`);
    for (const l of lines) {
      const m = l.match(/(doc\d+\.ts)\((\d+),\d+\): error (TS\d+): (.*)$/);
      if (!m) continue;
      const src = fs.readFileSync(path.join(checkDir, m[1]), "utf8").split("\n");
      // Show the JSON path-ish context: the offending line of the generated literal.
      const at = (src[Number(m[2]) - 1] ?? "").trim();
      fail(byFile.get(m[1]) ?? m[1], `field check: ${m[4]}${at ? `  [at ${at.slice(0, 80)}]` : ""}`);
    }
  }
  fs.rmSync(checkDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// 4. references between objects
const key = (kind, name) => `${kind}/${name}`;
const index = new Map();
const namespaces = new Set();
for (const d of objects) {
  const k = key(d.obj.kind, d.obj.metadata?.name);
  if (index.has(k)) fail(d.where, `duplicate ${k} (also ${index.get(k).where})`);
  index.set(k, d);
  if (d.obj.kind !== "Namespace" && d.obj.metadata?.namespace) namespaces.add(d.obj.metadata.namespace);
}
if (namespaces.size > 1) fail(dir, `objects are spread over namespaces ${[...namespaces].join(", ")}`);
if (kust?.namespace && namespaces.size === 1 && !namespaces.has(kust.namespace))
  fail(dir, `objects say namespace ${[...namespaces][0]} but kustomization.yaml says ${kust.namespace}`);
const nsObj = objects.find((d) => d.obj.kind === "Namespace");
if (nsObj && namespaces.size === 1 && !namespaces.has(nsObj.obj.metadata.name))
  fail(nsObj.where, `Namespace ${nsObj.obj.metadata.name} is not the one the objects use`);

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);
const workloads = objects.filter((d) => WORKLOADS.has(d.obj.kind) || d.obj.kind === "CronJob");
const templateOf = (o) => (o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template : o.spec?.template);
const matches = (sel, labels) => Object.entries(sel ?? {}).every(([k, v]) => labels?.[k] === v);
const matchesExpr = (exprs, labels) => (exprs ?? []).every((e) => {
  const has = labels && Object.prototype.hasOwnProperty.call(labels, e.key);
  switch (e.operator) {
    case "In": return has && e.values.includes(labels[e.key]);
    case "NotIn": return !has || !e.values.includes(labels[e.key]);
    case "Exists": return has;
    case "DoesNotExist": return !has;
    default: return false;
  }
});
const selects = (selector, labels) => matches(selector?.matchLabels, labels) && matchesExpr(selector?.matchExpressions, labels);
const podTemplates = workloads.map((d) => ({ d, t: templateOf(d.obj) })).filter((x) => x.t);

function dataKeys(o) {
  return new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {}), ...Object.keys(o.binaryData ?? {})]);
}
function checkRef(where, kind, ref, k) {
  if (!ref?.name) return;
  const target = index.get(key(kind, ref.name));
  if (!target) {
    if (!ref.optional) fail(where, `${kind} ${ref.name} does not exist`);
    return;
  }
  if (k !== undefined && !dataKeys(target.obj).has(k) && !ref.optional) fail(where, `${kind} ${ref.name} has no key ${k}`);
}

for (const { d, t } of podTemplates) {
  const o = d.obj;
  const w = `${d.where} ${o.kind}/${o.metadata.name}`;
  if (o.kind !== "CronJob" && o.kind !== "Job") {
    if (!o.spec?.selector) fail(w, "spec.selector is required");
    else if (!selects(o.spec.selector, t.metadata?.labels)) fail(w, "spec.selector does not match the pod template's labels");
  }
  if (o.kind === "StatefulSet") {
    const svc = index.get(key("Service", o.spec.serviceName));
    if (!svc) fail(w, `serviceName ${o.spec.serviceName} is not a Service here`);
    else if (svc.obj.spec?.clusterIP !== "None") fail(w, `serviceName ${o.spec.serviceName} is not a headless Service`);
  }
  const spec = t.spec ?? {};
  const sa = spec.serviceAccountName;
  if (sa && sa !== "default" && !index.get(key("ServiceAccount", sa))) fail(w, `serviceAccountName ${sa} does not exist`);
  const volumes = new Set([...(spec.volumes ?? []).map((v) => v.name), ...(o.spec?.volumeClaimTemplates ?? []).map((v) => v.metadata?.name)]);
  for (const v of spec.volumes ?? []) {
    if (v.configMap) checkRef(w, "ConfigMap", v.configMap);
    if (v.secret) checkRef(w, "Secret", { name: v.secret.secretName, optional: v.secret.optional });
    if (v.persistentVolumeClaim && !index.get(key("PersistentVolumeClaim", v.persistentVolumeClaim.claimName)))
      fail(w, `PersistentVolumeClaim ${v.persistentVolumeClaim.claimName} does not exist`);
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const cw = `${w} container ${c.name}`;
    const ports = new Set((c.ports ?? []).map((p) => p.name).filter(Boolean));
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef) checkRef(`${cw} env ${e.name}`, "ConfigMap", e.valueFrom.configMapKeyRef, e.valueFrom.configMapKeyRef.key);
      if (e.valueFrom?.secretKeyRef) checkRef(`${cw} env ${e.name}`, "Secret", e.valueFrom.secretKeyRef, e.valueFrom.secretKeyRef.key);
    }
    const names = (c.env ?? []).map((e) => e.name);
    for (const n of new Set(names)) if (names.filter((x) => x === n).length > 1) fail(cw, `env ${n} is set twice`);
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef) checkRef(cw, "ConfigMap", e.configMapRef);
      if (e.secretRef) checkRef(cw, "Secret", e.secretRef);
    }
    for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) fail(cw, `volumeMount ${m.name} has no volume`);
    for (const [pn, probe] of Object.entries({ startupProbe: c.startupProbe, readinessProbe: c.readinessProbe, livenessProbe: c.livenessProbe })) {
      const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
      if (typeof port === "string" && !ports.has(port)) fail(cw, `${pn} uses port ${port}, which the container does not name`);
    }
  }
  // 5. Orleans Kubernetes hosting
  checkOrleans(d, t, w);
}

for (const d of objects.filter((x) => x.obj.kind === "Service")) {
  const s = d.obj.spec ?? {};
  const w = `${d.where} Service/${d.obj.metadata.name}`;
  if (!s.selector) continue;
  const pods = podTemplates.filter(({ t }) => matches(s.selector, t.metadata?.labels));
  if (!pods.length) { fail(w, "selector matches no pod template"); continue; }
  for (const p of s.ports ?? []) {
    if (typeof p.targetPort === "string") {
      const ok = pods.every(({ t }) => (t.spec?.containers ?? []).some((c) => (c.ports ?? []).some((cp) => cp.name === p.targetPort)));
      if (!ok) fail(w, `targetPort ${p.targetPort} is not a named container port of every selected pod`);
    } else {
      const target = p.targetPort ?? p.port;
      const ok = pods.every(({ t }) => (t.spec?.containers ?? []).some((c) => (c.ports ?? []).some((cp) => cp.containerPort === target)));
      if (!ok) fail(w, `targetPort ${target} is not a container port of every selected pod`);
    }
  }
}
for (const d of objects.filter((x) => ["PodDisruptionBudget", "NetworkPolicy"].includes(x.obj.kind))) {
  const sel = d.obj.kind === "NetworkPolicy" ? d.obj.spec?.podSelector : d.obj.spec?.selector;
  const w = `${d.where} ${d.obj.kind}/${d.obj.metadata.name}`;
  if (!sel || (!sel.matchLabels && !sel.matchExpressions)) continue; // empty selector = all pods
  if (!podTemplates.some(({ t }) => selects(sel, t.metadata?.labels))) fail(w, "selector matches no pod template");
  if (d.obj.kind === "PodDisruptionBudget" && d.obj.spec?.minAvailable === undefined && d.obj.spec?.maxUnavailable === undefined)
    fail(w, "needs minAvailable or maxUnavailable");
  if (d.obj.kind === "NetworkPolicy") {
    for (const rule of d.obj.spec?.ingress ?? []) for (const from of rule.from ?? []) {
      if (from.podSelector && (from.podSelector.matchLabels || from.podSelector.matchExpressions) && !from.namespaceSelector
        && !podTemplates.some(({ t }) => selects(from.podSelector, t.metadata?.labels)))
        fail(w, "an ingress podSelector matches no pod template here");
    }
  }
}
for (const d of objects.filter((x) => x.obj.kind === "RoleBinding" || x.obj.kind === "ClusterRoleBinding")) {
  const w = `${d.where} ${d.obj.kind}/${d.obj.metadata.name}`;
  const rr = d.obj.roleRef ?? {};
  if (rr.kind === "Role" && !index.get(key("Role", rr.name))) fail(w, `roleRef Role ${rr.name} does not exist`);
  if (rr.kind === "ClusterRole" && !index.get(key("ClusterRole", rr.name)))
    notes.push(`${w}: ClusterRole ${rr.name} is assumed to exist in the cluster`);
  for (const s of d.obj.subjects ?? []) {
    if (s.kind === "ServiceAccount" && s.name !== "default" && !index.get(key("ServiceAccount", s.name)))
      fail(w, `subject ServiceAccount ${s.name} does not exist`);
    if (s.kind === "ServiceAccount" && s.namespace && namespaces.size === 1 && !namespaces.has(s.namespace))
      fail(w, `subject ServiceAccount ${s.name} is in namespace ${s.namespace}, not ${[...namespaces][0]}`);
  }
}

function envValue(c, name) {
  const e = (c.env ?? []).find((x) => x.name === name);
  if (!e) return undefined;
  if (e.value !== undefined) return String(e.value);
  const r = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
  if (r) {
    const o = index.get(key(e.valueFrom.configMapKeyRef ? "ConfigMap" : "Secret", r.name))?.obj;
    const v = o?.data?.[r.key] ?? o?.stringData?.[r.key];
    return v === undefined ? undefined : String(v);
  }
  if (e.valueFrom?.fieldRef) return `fieldRef:${e.valueFrom.fieldRef.fieldPath}`;
  return undefined;
}

function checkOrleans(d, t, w) {
  const labels = t.metadata?.labels ?? {};
  const spec = t.spec ?? {};
  for (const c of spec.containers ?? []) {
    const hosting = envValue(c, "Solifyn__Cluster__Kubernetes")?.toLowerCase() === "true";
    const labelled = "orleans/serviceId" in labels || "orleans/clusterId" in labels;
    if (!hosting) {
      if (labelled) fail(w, "pods labelled orleans/serviceId or orleans/clusterId must be silos with Solifyn__Cluster__Kubernetes=true (the hosting package treats every such pod as a silo)");
      continue;
    }
    const cw = `${w} container ${c.name}`;
    for (const [env, field] of [["POD_NAME", "metadata.name"], ["POD_NAMESPACE", "metadata.namespace"], ["POD_IP", "status.podIP"]])
      if (envValue(c, env) !== `fieldRef:${field}`) fail(cw, `${env} must come from the downward API (fieldRef ${field})`);
    for (const [env, own, label] of [["ORLEANS_SERVICE_ID", "Solifyn__Cluster__ServiceId", "orleans/serviceId"], ["ORLEANS_CLUSTER_ID", "Solifyn__Cluster__ClusterId", "orleans/clusterId"]]) {
      const v = envValue(c, env);
      if (!v) { fail(cw, `${env} is not set (or its ConfigMap key is missing)`); continue; }
      if (labels[label] !== v) fail(cw, `pod label ${label}=${labels[label] ?? "(missing)"} differs from ${env}=${v}`);
      const mine = envValue(c, own);
      if (mine !== undefined && mine !== v) fail(cw, `${own}=${mine} differs from ${env}=${v}`);
    }
    const saName = spec.serviceAccountName ?? "default";
    const sa = index.get(key("ServiceAccount", saName))?.obj;
    const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
    if (!automount) fail(w, "the Kubernetes hosting package needs the service account token (automountServiceAccountToken)");
    const verbs = new Set();
    for (const rb of objects.filter((x) => x.obj.kind === "RoleBinding")) {
      if (!(rb.obj.subjects ?? []).some((s) => s.kind === "ServiceAccount" && s.name === saName)) continue;
      const role = index.get(key(rb.obj.roleRef?.kind, rb.obj.roleRef?.name))?.obj;
      for (const rule of role?.rules ?? []) {
        if ((rule.apiGroups ?? []).includes("") && ((rule.resources ?? []).includes("pods") || (rule.resources ?? []).includes("*")))
          for (const v of rule.verbs ?? []) verbs.add(v);
      }
    }
    for (const v of ["get", "list", "watch", "patch"])
      if (!verbs.has(v) && !verbs.has("*")) fail(w, `service account ${saName} may not "${v}" pods (needed by Orleans' Kubernetes hosting)`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 6. kustomize build, when kubectl is available
let rendered = 0;
const haveKubectl = spawnSync("sh", ["-c", "command -v kubectl"], { encoding: "utf8" }).status === 0;
if (kust && haveKubectl && !process.env.SKIP_KUSTOMIZE) {
  let out = null;
  try {
    out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  } catch (e) {
    const msg = String(e.stderr || e.message).trim();
    const m = msg.match(/err="(.*)"\s*$/s);
    fail("kubectl kustomize", (m ? m[1] : msg.split("\n")[0]).slice(0, 300));
  }
  if (out !== null) {
    const docs = YAML.parseAllDocuments(out);
    for (const [i, doc] of docs.entries()) {
      const obj = doc.toJS();
      if (!obj) continue;
      const before = errors.length;
      if ((await schemaCheck(obj, `kustomize build #${i + 1} ${obj.kind}/${obj.metadata?.name}`)) && errors.length === before) rendered++;
    }
  }
} else if (kust) {
  notes.push(haveKubectl ? "kustomize build skipped (SKIP_KUSTOMIZE)" : "kubectl not on PATH: kustomize build not checked");
}

// ---------------------------------------------------------------------------------------------------------------
for (const n of notes) console.log(`note: ${n}`);
for (const e of errors) console.log(`ERROR ${e}`);
const kinds = [...new Set(objects.map((d) => d.obj.kind))].sort().join(", ");
if (errors.length) {
  console.log(`kubernetes manifests: FAILED, ${errors.length} error(s) in ${path.relative(process.cwd(), dir) || dir}`);
  process.exit(1);
}
console.log(`kubernetes manifests: OK, ${objects.length} objects in ${files.length} files (${kinds})` +
  (rendered ? `; kustomize build: ${rendered} objects OK` : ""));
