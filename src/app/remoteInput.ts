import * as path from 'node:path';
import { refuseControlCharacters } from '../core/controlChars.js';
import { screenWrittenText } from '../core/guardText.js';
import { branchNameProblem } from '../core/refName.js';
import { parseRemoteUrl } from '../core/remoteUrl.js';
import { findSecrets } from '../core/secrets.js';
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
export function checkRemoteName(name: string): string {
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
 * The URL as the config will hold it, or a usage error that never quotes it: a password or a
 * token anywhere in it is refused (it would sit in `.memoir/config` in clear), and so is a form
 * memoir cannot reach. A relative local path becomes absolute, resolved against `cwd`: the
 * store is found from subfolders too, where the same relative path would name another place.
 * Before each transfer the URL from the config is checked again, without the token scan (the
 * secret guard's rules take ~10 ms to load, and `remote add` ran it when the URL was stored).
 */
export function remoteUrlToStore(
  url: string,
  cwd: string,
  options: { scanForTokens: boolean } = { scanForTokens: true },
): string {
  const parsed = parseRemoteUrl(url);
  if (('problem' in parsed && parsed.problem === 'password') || (options.scanForTokens && findSecrets(url).length > 0))
    throw new UsageError(
      'credential-in-url',
      'refused: the URL carries a password or token, which the config would keep in clear; nothing was written',
      {
        hint: CREDENTIAL_HINT,
      },
    );
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
