#!/usr/bin/env node
// The published entry point: the compiled CLI in dist/ (built by `npm ci` through `prepare`).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2));
