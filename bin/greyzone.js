#!/usr/bin/env node
// The greyzone command: TypeScript runs through tsx's loader, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
// Colour only for a person at a terminal; pipes and files get plain text.
if (!process.stdout.isTTY) process.env.NO_COLOR = '1';
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
