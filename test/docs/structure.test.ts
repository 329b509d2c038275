import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles, structureViolations } from '../../scripts/structure.mjs';

const file = (path: string, source: string) => ({ path, source });

describe('the layers hold (the build checks the same rules)', () => {
  it('the sources break none of the import rules', () => {
    const files = sourceFiles('src');
    expect(files.length).toBeGreaterThan(100);
    expect(structureViolations(files)).toEqual([]);
  });

  it('reads static, multi-line, re-exported, type-only and dynamic imports', () => {
    const found = importsOf(
      [
        "import { a } from './a.js';",
        'import {\n  b,\n  c,\n} from "../b.js";',
        "import type { T } from '../t.js';",
        "export { d } from './d.js';",
        "const ui = await import('../ui/index.js');",
      ].join('\n'),
    );
    expect(found).toEqual([
      { spec: './a.js', typeOnly: false },
      { spec: '../b.js', typeOnly: false },
      { spec: '../t.js', typeOnly: true },
      { spec: './d.js', typeOnly: false },
      { spec: '../ui/index.js', typeOnly: false },
    ]);
  });

  it('catches a use case that reads commander, prints with chalk or opens a screen', () => {
    const problems = structureViolations([
      file('app/add.ts', "import type { Command } from 'commander';"),
      file('app/log.ts', "import chalk from 'chalk';"),
      file('app/merge.ts', "const { resolveConflicts } = await import('../ui/index.js');"),
      file('app/get.ts', "import { getRenderer } from '../output/get.js';"),
    ]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^src\/app\/add\.ts imports commander: /);
  });

  it('keeps core free of the classifier, the store and the use cases; mcp and output free of commands', () => {
    const problems = structureViolations([
      file('core/recall.ts', "import { terms } from '../classify/features.js';"),
      file('core/review.ts', "import type { Memory } from '../store/memory.js';"),
      file('core/x.ts', "import { runAdd } from '../app/add.js';"),
      file('mcp/tools.ts', "import { runAdd } from '../commands/add.js';"),
      file('output/log.ts', "import type { LogResult } from '../commands/log.js';"),
      file('store/memory.ts', "import { Command } from 'commander';"),
      file('app/branch.ts', 'const oid = await memory.git.resolveRef(ref);'),
    ]);
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'src/core/recall.ts',
      'src/core/review.ts',
      'src/core/x.ts',
      'src/mcp/tools.ts',
      'src/output/log.ts',
      'src/store/memory.ts',
      'src/app/branch.ts',
    ]);
  });

  it('lets through what the rules allow: type-only where listed, imports within a layer, other layers', () => {
    expect(
      structureViolations([
        file('app/deps.ts', "import type { ReviewOutcome } from '../ui/types.js';"),
        file('app/add.ts', "import { admitFacts } from '../core/admit.js';\nimport type { Deps } from './deps.js';"),
        file('commands/add.ts', "import type { Command } from 'commander';\nimport { runAdd } from '../app/add.js';"),
        file('core/recall.ts', "import { terms } from './terms.js';"),
      ]),
    ).toEqual([]);
    // a value import of the same module is not allowed where only its types are
    expect(structureViolations([file('app/deps.ts', "import { x } from '../ui/types.js';")])).toHaveLength(1);
  });
});
