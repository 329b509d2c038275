import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir, testEnv } from '../helpers/cli.js';
import { initRepoIn } from '../helpers/inProcess.js';

/*
 * The library as an application gets it: `import ... from 'memoir'` resolved through package.json's
 * exports to the built bundle and its declarations (npm test builds first).
 */

/** Runs an ES module in the checkout, where `memoir` names this package (a package may import itself by name). */
function runModule(source: string, cwd: string) {
  const file = path.join(ROOT, 'dist', `.library-check-${process.pid}.mjs`);
  fs.writeFileSync(file, source);
  try {
    return spawnSync(process.execPath, [file], { cwd, env: testEnv(cwd), encoding: 'utf8', timeout: 60_000 });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe("import from 'memoir'", () => {
  it('remembers and recalls, loading none of the CLI: no commander, Ink, React or chalk', async () => {
    const dir = await initRepoIn();
    const result = runModule(
      `import { createRequire } from 'node:module';
import { openMemory } from 'memoir';
const memory = await openMemory({ dir: process.cwd() });
await memory.remember('We have a cat named Miso', { path: 'relationships.pets.animals' });
const hits = await memory.recall('what is the cat called?', { k: 1 });
const loaded = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify({ hits, loaded }));
`,
      dir,
    );
    expect(result.status, result.stderr).toBe(0);
    const { hits, loaded } = JSON.parse(result.stdout) as { hits: Array<{ text: string }>; loaded: string[] };
    expect(hits.map((h) => h.text)).toEqual(['We have a cat named Miso']);
    const bundled = loaded.filter((file) => file.startsWith(path.join(ROOT, 'dist')));
    expect(bundled).toContain(path.join(ROOT, 'dist', 'library.cjs'));
    // the CLI's own chunks and entry stay unloaded; what the library loaded holds none of the front end's packages
    expect(bundled.filter((file) => file.includes(`${path.sep}chunks${path.sep}`) || file.endsWith('cli.cjs'))).toEqual(
      [],
    );
    const sources = bundled.flatMap((file) =>
      fs.existsSync(`${file}.map`) ? (JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')).sources as string[]) : [],
    );
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.filter((source) => /node_modules\/(commander|ink|react|chalk)\//.test(source))).toEqual([]);
  });
});

describe('the shipped declarations (dist/memoir.d.ts)', () => {
  /** The diagnostics of a consumer's TypeScript file compiled against the package's types. */
  function diagnostics(source: string): string[] {
    const dir = tempDir();
    const file = path.join(dir, 'app.mts');
    fs.writeFileSync(file, source);
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      // an application's own Node types, as @types/node gives them
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      paths: {
        memoir: [path.join(ROOT, 'dist', 'memoir.d.ts')],
        openai: [path.join(ROOT, 'node_modules', 'openai', 'index.d.mts')],
      },
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  it("type an application's calls, results and wrapped client", () => {
    const errors = diagnostics(`import OpenAI from 'openai';
import { openMemory, withMemory, type Memory, type RecallHit } from 'memoir';
const memory: Memory = await openMemory({ dir: '.', onWarning: (message: string) => void message });
const hits: RecallHit[] = await memory.recall('which editor?', { k: 3, path: 'preferences' });
const score: number = hits[0]!.score;
const remembered = await memory.remember('I prefer dark mode', { path: 'preferences.ui.theme' });
const id: string | undefined = remembered.staged[0]?.id;
const block: string = (await memory.context({ query: 'editor', maxChars: 2000 })).markdown;
const client = withMemory(new OpenAI({ apiKey: 'x' }), { memory, capture: 'review', recall: { k: 5, timeoutMs: 500 } });
const answer = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
const reply: string | null | undefined = answer.choices[0]?.message.content;
export { score, id, block, reply };
`);
    expect(errors).toEqual([]);
  });

  it("compile the README's examples", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## memoir as a library'), readme.indexOf('## Classification'));
    const examples = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples).toHaveLength(2);
    // each as a module of its own; what they compute is theirs to keep
    for (const example of examples) expect(diagnostics(`${example}\nexport {};\n`)).toEqual([]);
  });

  it('refuse what does not fit them', () => {
    const errors = diagnostics(`import { openMemory } from 'memoir';
const memory = await openMemory();
await memory.recall(42);
await memory.remember('x', { leaf: 'preferences.ui.theme' });
const n: number = (await memory.log())[0]!.id;
export { n };
`);
    expect(errors).toHaveLength(3);
  });
});
