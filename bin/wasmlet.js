#!/usr/bin/env node
// Launcher for the wasmlet CLI: the CLI itself is bin/wasmlet.ts, bundled by
// scripts/build.mjs into dist/cli.js. This file stays plain JS so `npx wasmlet` works
// without a TypeScript loader.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('wasmlet: run `npm run build` first');
  process.exit(1);
}
await import(cli.href);
