import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CancelledError,
  type CodeOf,
  ClassifierError,
  ConflictError,
  ERROR_CODES,
  EXIT,
  type ErrorCode,
  exitCodeOfSignal,
  MemoirError,
  RefusedError,
  UsageError,
} from '../../src/errors/index.js';
import type { ExitName } from '../../src/errors/codes.js';
import type { ExitCodesListing } from '../../src/output/exitCodes.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { runIn } from '../helpers/inProcess.js';

const SRC = path.join(ROOT, 'src');
const TABLE_FILE = path.join(SRC, 'errors', 'codes.ts');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
}

/** The error class each constructor stands for, by the exit code it carries. */
const CLASS_EXIT: Record<string, ExitName> = {
  MemoirError: 'failure',
  UsageError: 'usage',
  ConflictError: 'conflict',
  RefusedError: 'refused',
  ClassifierError: 'classifier',
  CancelledError: 'cancelled',
};

/** The first argument of a call whose `(` is at `open`: up to the first comma outside brackets. */
function firstArgument(text: string, open: number): string {
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return text.slice(open + 1, i);
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(open + 1, i);
  }
  return '';
}

const literals = (text: string) => [...text.matchAll(/'([a-z][a-z0-9-]*)'/g)].map((m) => m[1]);

interface Use {
  code: string;
  cls?: string;
  file: string;
}

/**
 * Every code src/ gives an error: the string literals in the first argument of `new XError(`
 * (a ternary gives two), and `code: '...'` properties (state-file specs, JSON error bodies built
 * by hand). Codes passed through a variable are typed ErrorCode (tsc checks them) and appear
 * as literals where the variable gets its value.
 */
function codesUsed(): Use[] {
  const uses: Use[] = [];
  for (const file of sourceFiles(SRC).filter((f) => f !== TABLE_FILE)) {
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(ROOT, file);
    for (const m of text.matchAll(/new\s+(\w+Error)\s*\(/g)) {
      if (!(m[1] in CLASS_EXIT)) continue;
      for (const code of literals(firstArgument(text, m.index + m[0].length - 1)))
        uses.push({ code, cls: m[1], file: rel });
    }
    for (const m of text.matchAll(/\bcode:\s*'([a-z][a-z0-9-]*)'/g)) uses.push({ code: m[1], file: rel });
  }
  return uses;
}

describe('error codes: one documented table', () => {
  const uses = codesUsed();
  const table = new Set<string>(Object.keys(ERROR_CODES));

  it('the scan finds the codes (it is not looking at nothing)', () => {
    expect(uses.length).toBeGreaterThan(100);
    expect(new Set(uses.flatMap((u) => u.cls ?? [])).size).toBe(Object.keys(CLASS_EXIT).length);
  });

  it('every code src/ gives an error is in ERROR_CODES', () => {
    expect(uses.filter((u) => !table.has(u.code))).toEqual([]);
  });

  it('every code is thrown with the class of its exit code (so one code never exits two ways)', () => {
    const wrong = uses
      .filter((u) => u.cls && table.has(u.code) && CLASS_EXIT[u.cls] !== ERROR_CODES[u.code as ErrorCode].exit)
      .map((u) => `${u.file}: ${u.cls}('${u.code}') but the table says ${ERROR_CODES[u.code as ErrorCode].exit}`);
    expect(wrong).toEqual([]);
  });

  it('no stale entries: every code in the table appears in src/ outside the table', () => {
    const everyLiteral = new Set(
      sourceFiles(SRC)
        .filter((f) => f !== TABLE_FILE)
        .flatMap((f) => literals(fs.readFileSync(f, 'utf8'))),
    );
    expect([...table].filter((code) => !everyLiteral.has(code))).toEqual([]);
  });

  it('each description is one line', () => {
    for (const { description } of Object.values(ERROR_CODES)) expect(description).toMatch(/^[^\n]{10,100}$/);
  });
});

describe('error classes carry the exit code of their code', () => {
  it.each<[MemoirError, number]>([
    [new MemoirError('lock-timeout', 'x'), EXIT.failure],
    [new UsageError('invalid-author', 'x'), EXIT.usage],
    [new ConflictError('unresolved-conflicts', 'x'), EXIT.conflict],
    [new RefusedError('secret-detected', 'x'), EXIT.refused],
    [new ClassifierError('classifier-no-key', 'x'), EXIT.classifier],
    [new CancelledError('cancelled', 'x'), EXIT.cancelled],
  ])('%o', (error, exit) => {
    expect(error.exitCode).toBe(exit);
    expect(error.toJSON()).toEqual({ code: error.code, message: 'x' });
  });

  it('an undocumented code, or a code of another exit, does not type-check (checked by tsc)', () => {
    expectTypeOf<'no-such-code'>().not.toExtend<ErrorCode>();
    expectTypeOf<ConstructorParameters<typeof UsageError>[0]>().toEqualTypeOf<CodeOf<'usage'>>();
    expectTypeOf<ConstructorParameters<typeof RefusedError>[0]>().toEqualTypeOf<CodeOf<'refused'>>();
    expectTypeOf<'secret-detected'>().toExtend<CodeOf<'refused'>>();
    expectTypeOf<'secret-detected'>().not.toExtend<CodeOf<'usage'>>();
  });

  it('a signal ends the process with 128 + its number; Ctrl-C is the cancelled code', () => {
    expect(exitCodeOfSignal('SIGINT')).toBe(EXIT.cancelled);
    expect(exitCodeOfSignal('SIGTERM')).toBe(143);
    expect(exitCodeOfSignal('SIGHUP')).toBe(129);
  });
});

describe('memoir help exit-codes', () => {
  const dir = tempDir();

  it('--json lists every exit code and every error code with its exit code', async () => {
    const result = await runIn(dir, ['help', 'exit-codes', '--json']);
    expect(result.code).toBe(EXIT.ok);
    const listing = JSON.parse(result.stdout) as ExitCodesListing;
    expect(listing.exitCodes.map((e) => e.code)).toEqual([0, 1, 2, 3, 4, 5, 130]);
    expect(listing.errorCodes.map((e) => e.code).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const { code, exit, description } of listing.errorCodes) {
      expect(exit).toBe(EXIT[ERROR_CODES[code].exit]);
      expect(description).toBe(ERROR_CODES[code].description);
    }
    expect(listing.errorCodes).toContainEqual(expect.objectContaining({ code: 'secret-detected', exit: 4 }));
  });

  it('as text lists the error codes after the exit codes', async () => {
    const result = await runIn(dir, ['help', 'exit-codes']);
    expect(result.code).toBe(EXIT.ok);
    for (const code of Object.keys(ERROR_CODES))
      expect(result.stdout).toMatch(new RegExp(`^  ${code} +\\d+  \\S`, 'm'));
    expect(result.stdout).toMatch(/^ {2}unresolved-conflicts +3 {2}/m);
  });
});
