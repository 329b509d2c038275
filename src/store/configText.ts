/*
 * A read-only reader of git's config syntax, for the few keys `status` needs on every run
 * (`branch.<b>.remote`/`.merge`, `remote.<r>.fetch`). isomorphic-git's GitConfig (gitConfig.ts,
 * which writes) loads ~100 kB of shared modules with it: measured, ~12 ms more on each status
 * of a branch that has an upstream, which every clone's branch has. Nothing is followed
 * (`include`, helpers): values are only read.
 */

/**
 * Every value of a git config text by `section.key` or `section.subsection.key`, in file order;
 * section and key lower-cased (git compares them so), the subsection as written.
 * @example parseConfigText('[branch "main"]\n\tremote = origin\n').get('branch.main.remote') // ['origin']
 */
export function parseConfigText(text: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  let section: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    // a value continued on the next line: an odd number of trailing backslashes
    while (/(?:^|[^\\])(?:\\\\)*\\$/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i];
    const header = /^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\](.*)$/.exec(line);
    if (header) {
      const [name, subsection] = [header[1], header[2]];
      // `[branch.main]`, the old form: its subsection is lower-cased
      const dot = name.indexOf('.');
      section =
        subsection !== undefined
          ? `${name.toLowerCase()}.${subsection.replace(/\\(.)/g, '$1')}`
          : dot < 0
            ? name.toLowerCase()
            : `${name.slice(0, dot).toLowerCase()}.${name.slice(dot + 1).toLowerCase()}`;
      line = header[3];
    }
    const entry = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$/.exec(line);
    if (!entry || section === undefined) continue;
    const key = `${section}.${entry[1].toLowerCase()}`;
    const list = values.get(key) ?? [];
    // a key without "=" is a boolean true, as git reads it
    list.push(entry[2] === undefined ? 'true' : configValue(entry[2]));
    values.set(key, list);
  }
  return values;
}

/** A value as git reads it: quotes removed, `\n \t \b \" \\` unescaped, comments and outer blanks dropped. */
function configValue(raw: string): string {
  let value = '';
  let blanks = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      const next = raw[++i] ?? '';
      value += blanks + ({ n: '\n', t: '\t', b: '\b' }[next] ?? next);
      blanks = '';
    } else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || c === ';')) break;
    else if (!quoted && (c === ' ' || c === '\t')) blanks += value === '' ? '' : c;
    else {
      value += blanks + c;
      blanks = '';
    }
  }
  return value;
}
