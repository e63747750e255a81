// Starts the live product (`omnicrm up`) on a free port for the browser tests, and stops it.
// The temporary config holds a config-file admin API key (header X-API-KEY) for the tests to set
// up data with. With OMNICRM_E2E_BASE_URL (and OMNICRM_E2E_API_KEY) set, the tests use that
// server instead and nothing is started.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OMNICRM = path.join(REPO, '.venv', 'bin', 'omnicrm');
const PLAYS = path.join(REPO, 'tests', 'e2e', 'plays');
const REFERENCE_PLAYS = path.join(REPO, 'Provisioners', 'plays');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// The reference playbooks (Provisioners/plays, with their task and vars files: the demo products name them) and
// the test playbooks (tests/e2e/plays/*.yaml) in the temporary playbooks folder.
async function copyPlays(directory) {
  const plays = path.join(directory, 'plays');
  await cp(REFERENCE_PLAYS, plays, { recursive: true });
  const names = (await readdir(PLAYS)).filter((name) => name.endsWith('.yaml'));
  await Promise.all(names.map((name) => copyFile(path.join(PLAYS, name), path.join(plays, name))));
}

// Fast password hashing and a login rate limit that a whole test file stays under.
function crmConfig(directory, port, apiKey) {
  return [
    'demo: true',
    `database: {url: "sqlite:///${path.join(directory, 'e2e.db')}"}`,
    `jwt_secret: "${randomBytes(32).toString('hex')}"`,
    `crm: {base_url: "http://127.0.0.1:${port}"}`,
    `api_keys: {"${apiKey}": {roles: [admin], description: "e2e tests"}}`,
    'security: {bcrypt_rounds: 4}',
    'rate_limits: {login: "100/minute"}',
    `provisioning: {playbooks_dir: "${path.join(directory, 'plays')}"}`,
    '',
  ].join('\n');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function isHealthy(baseUrl) {
  try {
    const response = await fetch(`${baseUrl}/crm/health`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function waitUntilHealthy(baseUrl, child, output) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`omnicrm up exited (${child.exitCode ?? child.signalCode}):\n${output.stderr}`);
    }
    if (await isHealthy(baseUrl)) return;
    await sleep(500);
  }
  throw new Error(
    `${baseUrl}/crm/health did not answer 200 within ${START_TIMEOUT_MS / 1000} s:\n${output.stderr}`,
  );
}

async function stopProcessGroup(child) {
  const running = child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  if (!running) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS)]);
  if (!stopped) {
    signalGroup('SIGKILL');
    await exited;
  }
}

// Returns {baseUrl, apiKey, stop()}.
export async function startProduct() {
  if (process.env.OMNICRM_E2E_BASE_URL) {
    return {
      baseUrl: process.env.OMNICRM_E2E_BASE_URL.replace(/\/$/, ''),
      apiKey: process.env.OMNICRM_E2E_API_KEY,
      stop: async () => {},
    };
  }

  const directory = await mkdtemp(path.join(tmpdir(), 'omnicrm-e2e-'));
  const port = await freePort();
  const apiKey = randomBytes(32).toString('hex');
  const configPath = path.join(directory, 'crm_config.yaml');
  await writeFile(configPath, crmConfig(directory, port, apiKey));
  await copyPlays(directory);

  const child = spawn(OMNICRM, ['up', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: REPO,
    env: { ...process.env, CRM_CONFIG_PATH: configPath },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => {
    output.stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output.stderr += chunk;
  });
  const spawned = new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcessGroup(child);
    await rm(directory, { recursive: true, force: true });
  };
  try {
    await spawned;
    await waitUntilHealthy(baseUrl, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, apiKey, stop };
}
