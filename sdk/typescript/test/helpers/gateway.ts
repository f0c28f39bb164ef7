/**
 * Starts a real Solifyn gateway (embedded mode: one in-memory silo inside the gateway, no Redis) on free loopback
 * ports, as a child process running the Release build's dll directly: `dotnet run` would apply launchSettings.json,
 * whose URL overrides ours.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** sdk/typescript, whichever of test/ or dist-test/ this file runs from. */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The repository root: SOLIFYN_REPO_ROOT, else two levels above the package. */
export const repoRoot = process.env['SOLIFYN_REPO_ROOT'] ?? resolve(packageDir, '..', '..');

export const API_KEY = 'your_private_api_key_here';
export const BUSINESS_ID = 'biz_sdk_tests';

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Each test's own limit, so that a hang (say, a pagination loop that never ends) fails that one test and the
 * suite's after hooks still stop the gateway. Not node's --test-timeout: in Node 20 that also bounds each whole file,
 * gateway start (and build, when the dll is missing) included.
 */
export const TEST_TIMEOUT_MS = 30_000;

export interface Gateway {
  baseURL: string;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  /** Extra environment, e.g. rate limits; by default every rate limit is off. */
  env?: Record<string, string>;
}

export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const dll = gatewayDll();
  const [httpPort, siloPort, gatewayPort] = await freePorts(3);
  const baseURL = `http://127.0.0.1:${httpPort}`;

  const env: NodeJS.ProcessEnv = { ...process.env };
  // Embedded, in-memory mode whatever the surrounding shell has set.
  delete env['ConnectionStrings__Redis'];
  delete env['ASPNETCORE_URLS'];
  Object.assign(env, {
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
    DOTNET_NOLOGO: '1',
    Solifyn__Bootstrap__BusinessId: BUSINESS_ID,
    Solifyn__Bootstrap__ApiKey: API_KEY,
    Solifyn__Cluster__ClusterId: `sdk-tests-${randomUUID().slice(0, 8)}`,
    Solifyn__Cluster__SiloPort: String(siloPort),
    Solifyn__Cluster__GatewayPort: String(gatewayPort),
    Solifyn__RateLimits__ApiKeyPerSecond: '0',
    Solifyn__RateLimits__AddressPerSecond: '0',
    Solifyn__RateLimits__LicenseKeyPerSecond: '0',
    ...options.env,
  });

  // setpriv (util-linux) makes the kernel kill the gateway if this test process dies without running its hooks.
  const [command, args] = existsSync('/usr/bin/setpriv')
    ? ['/usr/bin/setpriv', ['--pdeathsig', 'KILL', 'dotnet', dll, '--urls', baseURL]]
    : ['dotnet', [dll, '--urls', baseURL]];
  const child = spawn(command, args, { cwd: dirname(dll), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // Never leave a gateway behind, even if the test process dies on an uncaught error.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitForHealth(baseURL, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- gateway output ---\n${output}`);
  }
  return { baseURL, output: () => output, stop };
}

/** The Release build of the gateway, built first if it is missing. */
function gatewayDll(): string {
  const project = join(repoRoot, 'src', 'Solifyn.Gateway');
  const dll = join(project, 'bin', 'Release', 'net10.0', 'Solifyn.Gateway.dll');
  if (!existsSync(dll)) {
    const build = spawnSync('dotnet', ['build', project, '-c', 'Release', '-nologo', '-v', 'q'], {
      stdio: 'inherit',
      timeout: 600_000,
    });
    if (build.status !== 0 || !existsSync(dll)) throw new Error(`dotnet build of ${project} failed (exit ${build.status}).`);
  }
  return dll;
}

async function waitForHealth(baseURL: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The gateway exited with code ${child.exitCode} while starting.`);
    try {
      const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`The gateway at ${baseURL} was not healthy within ${STARTUP_TIMEOUT_MS / 1000} s.`);
}

/** Ports the OS reports free on loopback right now (held together so they differ). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<import('node:net').Server>((done, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => done(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}
