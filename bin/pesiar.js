#!/usr/bin/env node
// The `pesiar` command. It runs the compiled JavaScript in dist/ (built by
// `npm ci` through the `prepare` script, or `npm run build`) when that build
// is newer than every source file; otherwise it compiles the TypeScript
// sources on load with tsx, so that `npx pesiar` never runs a stale build.
// The compiled code starts faster and needs about 90 MB less memory.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

// An import allocates many short-lived objects from the same few places; V8
// would then allocate them straight into the old generation, where they stay
// until a full collection: ~100 MB more peak memory for the same work, and no
// faster (measured with bench/import).
v8.setFlagsFromString('--no-allocation-site-pretenuring');

const root = fileURLToPath(new URL('..', import.meta.url));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsFresh() {
  try {
    return statSync(join(root, 'dist', '.built')).mtimeMs >= newestSource(join(root, 'src'));
  } catch {
    return false;
  }
}

if (buildIsFresh()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
