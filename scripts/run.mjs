#!/usr/bin/env node
// The two Quick-start commands (`npm start`, `npm test`) land here so that a fresh machine
// with only Node 20+ needs nothing else: this installs the pinned pnpm, the dependencies
// (better-sqlite3 compiles from source, which needs Node's headers) and, for tests, Chromium.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PNPM_VERSION = '12.4.2';
const CHROMIUM = '/usr/bin/chromium';
const task = process.argv[2];
const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' };

function sh(cmd) {
  console.log(`\n$ ${cmd}`);
  const r = spawnSync(cmd, { shell: true, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function pnpmVersion() {
  try {
    return execSync('pnpm --version', { env, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

function ensurePnpm() {
  if (pnpmVersion() !== PNPM_VERSION) sh(`npm install -g pnpm@${PNPM_VERSION}`);
}

function ensureDeps() {
  ensurePnpm();
  sh('pnpm install --frozen-lockfile');
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  sh(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq chromium fonts-dejavu-core`);
}

switch (task) {
  case 'start':
    ensureDeps();
    sh('pnpm run build');
    sh('node server/dist/main.js');
    break;
  case 'test':
    ensureDeps();
    ensureChromium();
    sh('pnpm run lint');
    sh('pnpm run typecheck');
    sh('pnpm run build');
    sh('pnpm run test:unit');
    sh('pnpm run test:e2e');
    break;
  case 'bench':
    ensureDeps();
    ensureChromium();
    sh('pnpm run build');
    sh(`node --expose-gc --import tsx tests/bench/run.ts ${process.argv.slice(3).join(' ')}`);
    break;
  default:
    console.error('usage: node scripts/run.mjs start|test|bench');
    process.exit(2);
}
