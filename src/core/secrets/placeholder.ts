/**
 * Documentation placeholders shaped like a key: AKIAXXXXXXXXXXXXXXXX, ghp_xxxxxxxx…,
 * sk-...your-key-here, <token>, ${API_KEY}. A real key is random, so it has no long run of
 * x, 0 or *, no "your-key-here" and no ellipsis.
 */
const FILLER_RUN = /([xX*#0•.])\1{5,}/;
const WORDS =
  /\.\.\.|…|<[^>]*>|\$\{|\{\{|(?:your|my|the)[-_ ]?(?:[a-z]+[-_])?(?:api[-_ ]?)?(?:key|token|secret|password|pat)\b|(?:key|token|secret)[-_ ]?here|placeholder|redacted|changeme|dummy|insert[-_]?(?:key|token)|xxx/i;

/** Whether a token-shaped value is a placeholder standing for a secret rather than one. */
export function isPlaceholder(value: string): boolean {
  return FILLER_RUN.test(value) || WORDS.test(value);
}
