import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every regular file under a directory, as paths relative to it, recursively; none when it is absent. */
export function filesUnder(root: string, dir = root): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(root, file);
    return entry.isFile() ? [path.relative(root, file)] : [];
  });
}
