/** What the secret guard found, and the collector its detectors share. */

export type SecretKind =
  | 'openai-key'
  | 'anthropic-key'
  | 'aws-access-key'
  | 'github-token'
  | 'slack-token'
  | 'stripe-key'
  | 'google-api-key'
  | 'jwt'
  | 'private-key'
  | 'url-password'
  | 'card-number'
  | 'password'
  | 'generic-credential'
  /** a provider's token recognised by a gitleaks rule (or one of memoir's rules in the same format) */
  | 'provider-token'
  /** a long random-looking token near nothing that names it */
  | 'random-token';

/**
 * One secret found in a text. It carries no part of the secret, only what it is and where,
 * so that nothing built from it (a message, JSON, a log line) can repeat it.
 */
export interface SecretFinding {
  kind: SecretKind;
  /** Human phrase for an error message, e.g. "a GitLab personal access token". */
  label: string;
  /** Offset (0-based) of the secret (the value itself, not its keyword) in the text. */
  index: number;
  /** The rule that recognised it: a gitleaks rule id ("gitlab-pat") or memoir's own ("password"). */
  ruleId: string;
}

/** A finding with the end of the secret, used while detecting (overlaps, re-scans); never leaves the guard. */
export interface Hit extends SecretFinding {
  end: number;
}

/** The findings so far: one per secret, the first detector to claim a stretch of text wins. */
export class Hits {
  readonly all: Hit[] = [];

  /** Whether [start, end) overlaps a secret already found. */
  covers(start: number, end: number): boolean {
    return this.all.some((h) => start < h.end && h.index < end);
  }

  /** Adds the hit unless its stretch is already claimed; says whether it was added. */
  add(hit: Hit): boolean {
    if (this.covers(hit.index, hit.end)) return false;
    this.all.push(hit);
    return true;
  }
}
