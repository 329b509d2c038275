import * as path from 'node:path';
import { refuseControlCharacters } from '../core/controlChars.js';
import { branchNameProblem } from '../core/refName.js';
import { parseRemoteUrl } from '../core/remoteUrl.js';
import { UsageError } from '../errors/index.js';

/*
 * What `memoir remote add|set-url|rename` accept as a remote's name and URL, checked before
 * anything is written. A URL is never repeated in an error: it is where a token would be.
 */

const SUPPORTED_URLS = 'use https://host/path, ssh://host/path or git@host:path, a local path, or file:///path';

const CREDENTIAL_HINT =
  "drop the password from the URL; memoir asks git's credential helper, or reads MEMOIR_REMOTE_TOKEN / MEMOIR_REMOTE_USERNAME + MEMOIR_REMOTE_PASSWORD";

/**
 * A remote's name: one component of `refs/remotes/<name>/…` by git's rules, so no "/", and no
 * double quote (the config's section header could not hold it). Never a credential: it is
 * written into the config and every tracking ref.
 */
export async function checkRemoteName(name: string): Promise<string> {
  // the secret guard loads only where a name is written (its rules take ~10 ms to load)
  const { screenWrittenText } = await import('../core/guardText.js');
  screenWrittenText(name, 'the remote name', 'nothing was written');
  const problem = name.includes('/')
    ? 'it contains "/"'
    : name.includes('"')
      ? 'it contains a double quote'
      : branchNameProblem(name);
  if (problem)
    throw new UsageError('invalid-remote-name', `"${name}" is not a valid remote name: ${problem}`, {
      hint: 'a remote name is one word: letters, digits, "-", "_" and "." (e.g. origin, backup)',
    });
  return name;
}

/**
 * A remote's URL as memoir uses it, or a usage error that never quotes it: a password in it is
 * refused, and so is a form memoir cannot reach. A relative local path becomes absolute, resolved
 * against `cwd`: the store is found from subfolders too, where the same relative path would
 * name another place. Checked before each transfer, on the URL the config holds.
 */
export function checkedRemoteUrl(url: string, cwd: string): string {
  const parsed = parseRemoteUrl(url);
  if ('problem' in parsed && parsed.problem === 'password') throw credentialInUrl();
  refuseControlCharacters(url, 'the URL');
  if ('problem' in parsed)
    throw new UsageError(
      'invalid-remote-url',
      'unsupported remote URL: memoir reaches remotes over HTTP(S), SSH or a local path',
      { hint: SUPPORTED_URLS },
    );
  if (parsed.kind === 'local' && !/^file:/i.test(url)) return path.resolve(cwd, parsed.path);
  return url;
}

/**
 * The URL as the config will hold it: checked as above, and with no token anywhere in it (the
 * secret guard: `https://ghp_…@github.com/…` puts one in the user part), since it would sit in
 * `.memoir/config` in clear.
 */
export async function remoteUrlToStore(url: string, cwd: string): Promise<string> {
  const { findSecrets } = await import('../core/secrets.js');
  if (findSecrets(url).length > 0) throw credentialInUrl();
  return checkedRemoteUrl(url, cwd);
}

function credentialInUrl(): UsageError {
  return new UsageError(
    'credential-in-url',
    'refused: the URL carries a password or token, which the config would keep in clear; nothing was written',
    { hint: CREDENTIAL_HINT },
  );
}
