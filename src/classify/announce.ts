import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayEndpoint, type ModelEndpoint } from '../config/endpoint.js';
import { writeFileAtomicSync } from '../store/atomicFile.js';

/*
 * The first time facts are about to go to a model's server from a repository, memoir says
 * where (stderr, once per repository and endpoint), so nobody learns it from a bill or a log.
 */

const FILE = 'announced-endpoints.json';

function announced(dir: string): string[] {
  try {
    const list = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8')) as unknown;
    return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}

/** Says where facts are going unless it was said before for this state directory. */
export function announceEndpoint(dir: string, endpoint: ModelEndpoint, say: (line: string) => void): void {
  const where = displayEndpoint(endpoint.baseURL);
  const seen = announced(dir);
  if (seen.includes(where)) return;
  say(
    `facts will be sent to ${where} (model ${endpoint.model}; classifier.provider from ${endpoint.providerSource}, endpoint from ${endpoint.baseURLSource}); "memoir config" shows these settings`,
  );
  try {
    // atomic, and its temporary file created with O_EXCL: a link planted under its name is never followed
    writeFileAtomicSync(path.join(dir, FILE), JSON.stringify([...seen, where]) + '\n', { mode: 0o600, dirMode: 0o700 });
  } catch {
    // a read-only state directory: the notice is repeated next time, which is harmless
  }
}
