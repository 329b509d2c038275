import type { RemoteChange, RemoteInfo } from '../app/remote.js';
import type { Context } from '../runtime/context.js';
import type { Renderer } from '../runtime/emit.js';
import { alignColumns, json, plainRecord } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

/** The remotes, and whether -v asked for their URLs. */
export interface RemoteList {
  remotes: RemoteInfo[];
  verbose: boolean;
}

/** `-v` as git prints it: one line for fetching and one for pushing (the same URL: memoir has no pushurl). */
const urlRows = (remotes: RemoteInfo[]) =>
  remotes.flatMap((r) => [
    [r.name, `${r.url} (fetch)`],
    [r.name, `${r.url} (push)`],
  ]);

export const remotesRenderer: Renderer<RemoteList> = {
  human({ remotes, verbose }) {
    if (remotes.length === 0) return '';
    return (verbose ? alignColumns(urlRows(remotes)) : remotes.map((r) => r.name)).join('\n') + '\n';
  },
  plain({ remotes, verbose }) {
    return (verbose ? urlRows(remotes) : remotes.map((r) => [r.name])).map(plainRecord).join('');
  },
  json({ remotes }) {
    return remotes.map((r) => ({ name: r.name, url: r.url, fetch: r.fetch }));
  },
};

function describe(change: RemoteChange): string {
  switch (change.action) {
    case 'added':
      return `Added remote ${change.name} (${change.url})`;
    case 'url-set':
      return `Set the URL of ${change.name} to ${change.url}`;
    case 'renamed':
      return `Renamed remote ${change.from} to ${change.name}`;
    case 'removed':
      return `Removed remote ${change.name} (was ${change.url})`;
  }
}

export function reportRemoteChange(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  change: RemoteChange,
): void {
  if (options.json) {
    context.io.out(json(change));
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  change = escapeData(change);
  const say = sayFor(context, options);
  say.result(describe(change));
  if (change.action === 'removed' && change.upstreamsCleared.length > 0)
    say.status(`${change.upstreamsCleared.join(', ')}: no upstream any more`);
}
