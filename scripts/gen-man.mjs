// Writes man/*.1 from the commander definitions in the built CLI (npm run man).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { manPages } from '../dist/cli.cjs';

const dir = fileURLToPath(new URL('../man/', import.meta.url));
mkdirSync(dir, { recursive: true });
const pages = await manPages();
for (const file of readdirSync(dir)) if (file.endsWith('.1') && !pages.has(file)) rmSync(dir + file);
for (const [file, text] of pages) writeFileSync(dir + file, text);
console.log(`wrote ${pages.size} man pages to man/`);
