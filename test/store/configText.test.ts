import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/store/configText.js';
import { tempDir } from '../helpers/cli.js';

/** A config with what git's syntax allows: comments, quotes, escapes, continuations, case, the old section form. */
const CONFIG = `[core]
\tbare = true
\t; a comment
# another
[remote "origin"]
\turl = https://example.com/memory.git # trailing comment
\tfetch = +refs/heads/*:refs/remotes/origin/*
\tfetch = "+refs/tags/*:refs/tags/*"
[Branch "Main"]
\tRemote = origin
\tMERGE = refs/heads/Main
[branch.legacy]
\tremote = up
[branch "we\\"ird"]
\tremote = "a ; b"  ; c
\tmerge = refs/heads/x\\
y
[branch "flag"]
\trebase
\tdescription = two  spaces   inside${'  '}
`;

describe('parseConfigText', () => {
  it.each([
    'remote.origin.url',
    'remote.origin.fetch',
    'branch.Main.remote',
    'branch.Main.merge',
    'branch.main.remote',
    'branch.legacy.remote',
    'branch.we"ird.remote',
    'branch.we"ird.merge',
    'branch.flag.description',
    'core.bare',
  ])('reads %s as git config --get-all does', (key) => {
    const file = path.join(tempDir(), 'config');
    fs.writeFileSync(file, CONFIG);
    let native: string[] = [];
    try {
      native = execFileSync('git', ['config', '--file', file, '--get-all', key], { encoding: 'utf8' })
        .split('\n')
        .slice(0, -1);
    } catch {
      // git exits 1 for a key that is not set
    }
    const dot = key.indexOf('.');
    const last = key.lastIndexOf('.');
    const lookup = `${key.slice(0, dot).toLowerCase()}${key.slice(dot, last)}.${key.slice(last + 1).toLowerCase()}`;
    expect(parseConfigText(CONFIG).get(lookup) ?? []).toEqual(native);
  });

  it('reads a key without "=" as true, as git does', () => {
    expect(parseConfigText(CONFIG).get('branch.flag.rebase')).toEqual(['true']);
  });
});
