#!/usr/bin/env node
// Replays the build stage of each deploy/docker/Dockerfile.* without Docker, so the Dockerfiles stay buildable:
//
//   node deploy/docker/check-dockerfiles.mjs [--keep] [Dockerfile ...]      (from any directory)
//
// For each Dockerfile: the stages the final stage copies from (COPY --from=...) are replayed in a temporary folder
// standing in for the container's file system: WORKDIR, ENV/ARG, COPY from the build context (the repository root,
// filtered by .dockerignore, with Docker's glob and directory-content semantics) and RUN (with /bin/sh -c, the SDK
// image's shell, and this machine's dotnet). Absolute paths in RUN lines under the stage's own top folders (/src,
// /app, ...) are mapped into the temporary folder. So the restore runs with exactly the files the restore layer
// copies, and the publish with exactly the sources the next COPY brings.
// Then the final stage: its COPY --from source must exist, its ENTRYPOINT ["dotnet", "X.dll"] must be in the
// published output, X.runtimeconfig.json's shared frameworks must be ones its base image has (aspnet: ASP.NET Core +
// .NET; runtime: .NET only), and USER must be set to a non-root user.
// A Dockerfile whose project does not exist yet (src/<Name>/<Name>.csproj named in a RUN dotnet line) is skipped.
// Exit 1 on any failure. Unsupported instructions (SHELL, ADD, ONBUILD, heredocs, RUN --mount) fail loudly rather
// than being ignored.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const args = process.argv.slice(2);
const keep = args.includes("--keep");
const requested = args.filter((a) => a !== "--keep").map((a) => path.resolve(a));
const dockerfiles = requested.length ? requested : fs.readdirSync(here).filter((f) => /^Dockerfile(\..+)?$/.test(f)).sort().map((f) => path.join(here, f));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "solifyn-dockerfiles-"));
let failures = 0;
const results = [];

// ---- .dockerignore ------------------------------------------------------------------------------------------
const ignoreRules = (() => {
  const f = path.join(repo, ".dockerignore");
  if (!fs.existsSync(f)) return [];
  return fs.readFileSync(f, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#")).map((l) => {
    const negate = l.startsWith("!");
    const p = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, "")).replace(/\/+$/, "");
    return { negate, re: globToRegex(p, true) };
  });
})();
function globToRegex(pattern, prefixMatch) {
  let re = "";
  const segs = pattern.split("/");
  segs.forEach((seg, i) => {
    if (seg === "**") { re += i === segs.length - 1 ? ".*" : "(?:.*/)?"; return; }
    re += seg.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
    if (i < segs.length - 1) re += "/";
  });
  return new RegExp(`^${re}${prefixMatch ? "(?:/.*)?" : ""}$`);
}
function ignored(relPath) {
  let out = false;
  for (const r of ignoreRules) if (r.re.test(relPath)) out = !r.negate;
  return out;
}

// ---- parsing ------------------------------------------------------------------------------------------------
function parse(file) {
  const raw = fs.readFileSync(file, "utf8").split("\n");
  const instrs = [];
  let buf = "";
  let lineNo = 0;
  raw.forEach((line, i) => {
    if (!buf && /^\s*#/.test(line)) return;
    if (!buf && !line.trim()) return;
    if (!buf) lineNo = i + 1;
    if (buf && /^\s*#/.test(line)) return; // comment lines inside a continuation are dropped by Docker
    if (/\\\s*$/.test(line)) { buf += line.replace(/\\\s*$/, " "); return; }
    buf += line;
    const m = buf.trim().match(/^(\w+)\s*(.*)$/s);
    instrs.push({ op: m[1].toUpperCase(), rest: m[2].trim(), line: lineNo });
    buf = "";
  });
  const globalArgs = {};
  const stages = [];
  for (const ins of instrs) {
    if (ins.op === "FROM") {
      const m = ins.rest.match(/^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i);
      const image = m[1].replace(/\$\{?(\w+)\}?/g, (_, n) => globalArgs[n] ?? "");
      stages.push({ image, name: m[2] ?? String(stages.length), instrs: [] });
    } else if (!stages.length) {
      if (ins.op !== "ARG") throw new Error(`line ${ins.line}: ${ins.op} before FROM`);
      const [n, v] = ins.rest.split("=");
      globalArgs[n.trim()] = v?.trim().replace(/^"(.*)"$/, "$1");
    } else stages.at(-1).instrs.push(ins);
  }
  return { stages, globalArgs };
}
function words(s) {
  if (s.startsWith("[")) return JSON.parse(s);
  return s.split(/\s+/).filter(Boolean);
}
function parseEnv(rest) {
  const out = {};
  if (!rest.includes("=")) { const [k, ...v] = rest.split(/\s+/); out[k] = v.join(" "); return out; }
  for (const m of rest.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g)) out[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  return out;
}

// ---- replay -------------------------------------------------------------------------------------------------
function cp(src, dst) {
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  fs.copyFileSync(src, dst);
}
function copyDirContents(srcAbs, srcRel, dstAbs) {
  fs.mkdirSync(dstAbs, { recursive: true });
  for (const e of fs.readdirSync(srcAbs, { withFileTypes: true })) {
    const rel = srcRel ? `${srcRel}/${e.name}` : e.name;
    if (ignored(rel)) continue;
    const s = path.join(srcAbs, e.name);
    const d = path.join(dstAbs, e.name);
    if (e.isDirectory()) copyDirContents(s, rel, d);
    else if (e.isFile()) cp(s, d);
  }
}
function expandContext(pattern) {
  const p = path.posix.normalize(pattern.replace(/^\.\//, "")).replace(/\/+$/, "");
  if (p === ".") return [""];
  if (!/[*?[]/.test(p)) return fs.existsSync(path.join(repo, p)) && !ignored(p) ? [p] : [];
  const segs = p.split("/").map((seg) => globToRegex(seg, false));
  const depth = segs.length;
  const found = [];
  const walk = (rel, d) => {
    for (const e of fs.readdirSync(path.join(repo, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (!segs[d - 1].test(e.name) || ignored(r)) continue;
      if (d === depth) found.push(r); else if (e.isDirectory()) walk(r, d + 1);
    }
  };
  walk("", 1);
  return found.sort();
}

function replay(dockerfile) {
  const name = path.basename(dockerfile);
  const { stages } = parse(dockerfile);
  const final = stages.at(-1);
  const root = path.join(work, name.replace(/\W/g, "_"));
  const started = Date.now();
  const errs = [];

  // Skip a Dockerfile whose project is not in the repository (yet).
  const projects = stages.flatMap((s) => s.instrs).filter((i) => i.op === "RUN")
    .flatMap((i) => [...i.rest.matchAll(/(src\/[\w.\-]+\/[\w.\-]+\.csproj)/g)].map((m) => m[1]));
  const missing = [...new Set(projects)].filter((p) => !fs.existsSync(path.join(repo, p)));
  if (missing.length) return { name, skipped: `${missing.join(", ")} does not exist yet` };

  const stageRoots = new Map();
  const needed = new Set(final.instrs.filter((i) => i.op === "COPY").map((i) => i.rest.match(/--from=(\S+)/)?.[1]).filter(Boolean));
  for (const [si, st] of stages.entries()) {
    if (st === final || !(needed.has(st.name) || needed.has(String(si)))) continue;
    const sroot = path.join(root, `stage-${st.name}`);
    fs.mkdirSync(sroot, { recursive: true });
    stageRoots.set(st.name, sroot);
    let workdir = "/";
    const env = {};
    // Absolute container paths this stage uses (WORKDIR and COPY destinations), mapped into sroot in RUN lines.
    const tops = new Set(["/app"]);
    for (const ins of st.instrs) {
      if (ins.op === "WORKDIR") tops.add(`/${ins.rest.replace(/^\/+/, "").split("/")[0]}`);
      if (ins.op === "COPY") { const w = words(ins.rest.replace(/--\w+=\S+\s*/g, "")); if (w.at(-1).startsWith("/")) tops.add(`/${w.at(-1).replace(/^\/+/, "").split("/")[0]}`); }
    }
    const map = (p) => path.join(sroot, path.posix.resolve(workdir, p));
    const mapCmd = (cmd) => {
      for (const t of tops) cmd = cmd.replace(new RegExp(`(^|[\\s'"=])${t.replace(/[.\\]/g, "\\$&")}(?=/|\\s|$|'|")`, "g"), `$1${sroot}${t}`);
      return cmd;
    };
    for (const ins of st.instrs) {
      const where = `${name}:${ins.line}`;
      switch (ins.op) {
        case "WORKDIR":
          workdir = path.posix.resolve(workdir, ins.rest);
          fs.mkdirSync(map("."), { recursive: true });
          break;
        case "ENV":
          Object.assign(env, parseEnv(ins.rest));
          break;
        case "ARG": {
          const [n, v] = ins.rest.split("=");
          if (v !== undefined) env[n.trim()] = v.trim();
          break;
        }
        case "LABEL":
        case "EXPOSE":
        case "USER":
          break;
        case "COPY": {
          if (/--from=/.test(ins.rest)) throw new Error(`${where}: COPY --from inside a build stage is not replayed`);
          if (/<</.test(ins.rest)) throw new Error(`${where}: heredocs are not replayed`);
          const w = words(ins.rest.replace(/--(chown|chmod|link)(=\S+)?\s*/g, ""));
          const dst = w.pop();
          const srcs = w.flatMap((s) => {
            const x = expandContext(s);
            if (!x.length) errs.push(`${where}: COPY source ${s} matches nothing in the build context (after .dockerignore)`);
            return x;
          });
          const intoDir = dst.endsWith("/") || srcs.length > 1 || w.some((s) => /[*?]/.test(s));
          for (const s of srcs) {
            const abs = path.join(repo, s);
            if (fs.statSync(abs).isDirectory()) copyDirContents(abs, s, map(dst));
            else cp(abs, intoDir ? path.join(map(dst), path.basename(s)) : map(dst));
          }
          break;
        }
        case "RUN": {
          if (/^--/.test(ins.rest)) throw new Error(`${where}: RUN flags (--mount, ...) are not replayed`);
          const cmd = mapCmd(ins.rest);
          const t0 = Date.now();
          const r = ins.rest.startsWith("[")
            ? spawnSync(words(cmd)[0], words(cmd).slice(1), { cwd: map("."), env: { ...process.env, ...env }, encoding: "utf8" })
            : spawnSync("/bin/sh", ["-c", cmd], { cwd: map("."), env: { ...process.env, ...env }, encoding: "utf8" });
          const secs = ((Date.now() - t0) / 1000).toFixed(1);
          if (r.status !== 0) {
            errs.push(`${where}: RUN ${ins.rest} failed (exit ${r.status ?? r.signal}) after ${secs}s:\n${`${r.stdout}${r.stderr}`.trim().split("\n").slice(-25).join("\n")}`);
            return { name, errs, secs: (Date.now() - started) / 1000 };
          }
          console.log(`  ${where}: RUN ${ins.rest.slice(0, 100)}  (${secs}s)`);
          break;
        }
        default:
          throw new Error(`${where}: ${ins.op} is not replayed by this check`);
      }
    }
  }

  // Final stage.
  const froot = path.join(root, "final");
  let fworkdir = "/";
  let user = null;
  let entry = null;
  const fmap = (p) => path.join(froot, path.posix.resolve(fworkdir, p));
  for (const ins of final.instrs) {
    const where = `${name}:${ins.line}`;
    if (ins.op === "WORKDIR") { fworkdir = path.posix.resolve(fworkdir, ins.rest); fs.mkdirSync(fmap("."), { recursive: true }); }
    if (ins.op === "USER") user = ins.rest;
    if (ins.op === "ENTRYPOINT") entry = { w: ins.rest.startsWith("[") ? JSON.parse(ins.rest) : null, where };
    if (ins.op === "COPY") {
      const from = ins.rest.match(/--from=(\S+)/)?.[1];
      const w = words(ins.rest.replace(/--\w+(=\S+)?\s*/g, ""));
      const dst = w.pop();
      if (!from) { errs.push(`${where}: only COPY --from=<stage> is replayed in the final stage`); continue; }
      const sroot = stageRoots.get(from);
      if (!sroot) { errs.push(`${where}: COPY --from=${from}: no such stage replayed (external images are not checked)`); continue; }
      for (const s of w) {
        const abs = path.join(sroot, s);
        if (!fs.existsSync(abs)) { errs.push(`${where}: COPY --from=${from} ${s}: not produced by the build stage`); continue; }
        if (fs.statSync(abs).isDirectory()) fs.cpSync(abs, fmap(dst), { recursive: true });
        else cp(abs, dst.endsWith("/") ? path.join(fmap(dst), path.basename(s)) : fmap(dst));
      }
    }
  }
  if (!entry?.w) errs.push(`${name}: ENTRYPOINT must be in exec form, e.g. ["dotnet", "X.dll"]`);
  else if (entry.w[0] !== "dotnet" || !/\.dll$/.test(entry.w[1] ?? "")) errs.push(`${entry.where}: ENTRYPOINT is not ["dotnet", "<app>.dll"]`);
  else {
    const dll = fmap(entry.w[1]);
    if (!fs.existsSync(dll)) errs.push(`${entry.where}: ${entry.w[1]} is not in the published output (${path.posix.resolve(fworkdir, entry.w[1])})`);
    let rc = dll.replace(/\.dll$/, ".runtimeconfig.json");
    if (fs.existsSync(dll) && !fs.existsSync(rc)) errs.push(`${entry.where}: ${path.basename(rc)} is missing (not a framework-dependent app?)`);
    // Without the entry dll, still check what was published against the image.
    if (!fs.existsSync(rc) && fs.existsSync(fmap("."))) {
      const other = fs.readdirSync(fmap(".")).find((f) => f.endsWith(".runtimeconfig.json"));
      if (other) rc = fmap(other);
    }
    if (fs.existsSync(rc)) {
      const cfg = JSON.parse(fs.readFileSync(rc, "utf8")).runtimeOptions ?? {};
      const fws = [...(cfg.frameworks ?? []), ...(cfg.framework ? [cfg.framework] : [])].map((f) => f.name);
      const image = final.image;
      const has = /\/dotnet\/aspnet:/.test(image) ? ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"]
        : /\/dotnet\/runtime:/.test(image) ? ["Microsoft.NETCore.App"] : null;
      if (!has) errs.push(`${name}: final image ${image} is not a .NET runtime image this check knows`);
      else for (const f of fws) if (!has.includes(f)) errs.push(`${name}: ${path.basename(rc)} needs ${f}, which ${image} does not have`);
      entry.frameworks = fws;
    }
  }
  if (!user) errs.push(`${name}: the final stage sets no USER (it would run as root)`);
  else if (/^(root|0)(:|$)/.test(user)) errs.push(`${name}: the final stage runs as root`);
  return { name, errs, secs: (Date.now() - started) / 1000, entry: entry?.w?.[1], image: final.image, frameworks: entry?.frameworks };
}

for (const f of dockerfiles) {
  console.log(`${path.relative(repo, f)}:`);
  let r;
  try {
    r = replay(f);
  } catch (e) {
    r = { name: path.basename(f), errs: [String(e.message ?? e)] };
  }
  results.push(r);
  if (r.skipped) { console.log(`  SKIP: ${r.skipped}`); continue; }
  for (const e of r.errs) console.log(`  ERROR ${e}`);
  if (r.errs.length) failures++;
  else console.log(`  OK: ${r.entry} published on ${r.image} (${r.frameworks?.join(" + ")}), ${r.secs.toFixed(0)}s`);
}
if (!keep) fs.rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
const ok = results.filter((r) => !r.skipped && !r.errs.length).length;
const skipped = results.filter((r) => r.skipped).length;
console.log(`dockerfiles: ${failures ? "FAILED" : "OK"}, ${ok} built, ${failures} failed, ${skipped} skipped`);
process.exit(failures ? 1 : 0);
