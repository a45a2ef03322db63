#!/usr/bin/env node
// The HTML report's browser test drives Debian's Chromium through
// playwright-core. This installs it when it is missing (apt-get, as root or
// through sudo), so `npm test` works on a fresh machine; CHROMIUM_PATH
// points at another build.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const root = process.getuid?.() === 0;
const sudo =
  !root &&
  (() => {
    try {
      execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
if (!root && !sudo) {
  console.error(
    `ensure-chromium: ${path} is missing and this user cannot install it.\n` +
      'Expected: run `sudo apt-get install -y chromium` once (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}
const run = (args) =>
  execFileSync(root ? args[0] : 'sudo', root ? args.slice(1) : args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
console.error('ensure-chromium: installing Debian chromium for the HTML report test…');
try {
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium']);
} catch (e) {
  console.error(`ensure-chromium: apt-get failed (${e.message.split('\n')[0]}); expected Debian's chromium package at ${path}.`);
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`ensure-chromium: apt-get finished but ${path} is still missing.`);
  process.exit(1);
}
