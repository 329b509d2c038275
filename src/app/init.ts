import type { Deps } from './deps.js';
import * as path from 'node:path';

export interface InitResult {
  path: string;
  created: boolean;
}

/** Creates `.memoir/` (or the --memoir-dir directory): an owner-only bare git repository on `main`, plus memoir's state. */
export async function runInit(context: Deps): Promise<InitResult> {
  const [{ givenRepository, STORE_DIR }, { createRepository }] = await Promise.all([
    import('../store/repository.js'),
    import('../store/init.js'),
  ]);
  const override = context.globals.memoirDir ?? (context.env.MEMOIR_DIR || undefined);
  const dir = path.resolve(context.cwd, override ?? STORE_DIR);
  // --memoir-dir naming the project folder of an existing store: that store, never a second one inside the folder
  const existing = givenRepository(dir);
  if (existing) return { path: existing, created: false };
  await createRepository(dir);
  return { path: dir, created: true };
}
