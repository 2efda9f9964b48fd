#!/usr/bin/env node
// The `pesiar` command. Sources are TypeScript; tsx compiles them on load so
// that `npx pesiar` never runs a stale build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
