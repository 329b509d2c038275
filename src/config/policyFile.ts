import * as v from 'valibot';
import { LineCounter, parseDocument } from 'yaml';
import type { Policy } from '../core/policy.js';

/*
 * `policy.yaml`, the rules that travel with the memory, read and checked against a schema
 * (valibot): every problem with its line and column, as a person fixing the file needs it.
 */

const NAME = /^[a-z0-9][a-z0-9-]*$/;
/** A taxonomy prefix (`health`, `health.conditions`, `health.*`). */
const PREFIX = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,2}(\.\*)?$/;

const branches = v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1, 'name at least one branch'));
const prefixes = v.pipe(
  v.array(v.pipe(v.string(), v.regex(PREFIX, 'a taxonomy prefix such as health or health.conditions'))),
  v.minLength(1, 'name at least one prefix'),
);
const positive = v.pipe(v.number(), v.integer(), v.minValue(1));
const regex = v.pipe(
  v.string(),
  v.check((source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression'),
);

const common = {
  name: v.pipe(v.string(), v.regex(NAME, 'lower-case letters, digits and dashes (used in refusals and overrides)')),
  overridable: v.optional(v.boolean()),
};

/** One schema per kind of rule: a rule is checked against the one its key names, so a problem is reported where it is. */
const KINDS = {
  protect: v.strictObject({ branches }),
  review: v.strictObject({
    paths: prefixes,
    minConfidence: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    branches: v.optional(branches),
  }),
  deny: v.pipe(
    v.strictObject({
      paths: v.optional(prefixes),
      patterns: v.optional(v.pipe(v.array(regex), v.minLength(1))),
      branches: v.optional(branches),
    }),
    v.check((deny) => deny.paths !== undefined || deny.patterns !== undefined, 'give paths, patterns or both'),
  ),
  limits: v.pipe(
    v.strictObject({
      maxFactsPerLeaf: v.optional(positive),
      maxFactLength: v.optional(positive),
      maxFactsPerCommit: v.optional(positive),
      paths: v.optional(prefixes),
      branches: v.optional(branches),
    }),
    v.check(
      (l) => l.maxFactsPerLeaf !== undefined || l.maxFactLength !== undefined || l.maxFactsPerCommit !== undefined,
      'give maxFactsPerLeaf, maxFactLength or maxFactsPerCommit',
    ),
  ),
  retention: v.strictObject({
    paths: prefixes,
    after: v.pipe(v.string(), v.regex(/^\d+[dwmy]$/, 'a duration such as 30d, 12w, 6m or 1y')),
  }),
  signing: v.strictObject({ branches, allowedSigners: v.pipe(v.string(), v.minLength(1)) }),
};
const KIND_NAMES = Object.keys(KINDS) as Array<keyof typeof KINDS>;

/** A rule: a name, perhaps `overridable`, and exactly one kind, checked by that kind's schema. */
const RULE = v.pipe(
  v.record(v.string(), v.unknown()),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const rule = dataset.value;
    const kinds = KIND_NAMES.filter((kind) => kind in rule);
    if (kinds.length !== 1) {
      addIssue({ message: `a rule has a name and exactly one of ${KIND_NAMES.join(', ')}` });
      return;
    }
    const { [kinds[0]]: body, ...rest } = rule;
    const checks: Array<[string | undefined, v.GenericSchema, unknown]> = [
      [undefined, v.strictObject(common), rest],
      [kinds[0], KINDS[kinds[0]], body],
    ];
    for (const [key, schema, value] of checks) {
      const result = v.safeParse(schema, value);
      for (const issue of result.issues ?? [])
        addIssue({
          message: issue.message,
          path: [
            ...(key === undefined ? [] : [{ type: 'object', origin: 'value', input: rule, key, value } as const]),
            ...(issue.path ?? []),
          ] as never,
        });
    }
  }),
);

const POLICY = v.pipe(
  v.strictObject({ version: v.optional(v.literal(1)), rules: v.array(RULE) }),
  v.check((p) => new Set(p.rules.map((r) => r.name)).size === p.rules.length, 'two rules have the same name'),
);

export interface PolicyProblem {
  line: number;
  column: number;
  message: string;
}

/** Parses and checks a policy file's text: the policy, or every problem found, with where. */
export function parsePolicy(text: string): { policy: Policy } | { problems: PolicyProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0)
    return { problems: doc.errors.map((e) => ({ ...at(e.pos[0]), message: e.message.split('\n')[0] })) };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    return { problems: [{ line: 1, column: 1, message: (error as Error).message }] };
  }
  const result = v.safeParse(POLICY, data ?? {});
  if (result.success) return { policy: result.output as unknown as Policy };
  return {
    problems: result.issues.map((issue) => {
      const path = (issue.path ?? []).map((item) => item.key as string | number);
      // the deepest node of the path that exists: the key a problem is about, or its parent
      let offset = 0;
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) {
          offset = node.range[0];
          break;
        }
      }
      const where = path.length > 0 ? `${path.join('.')}: ` : '';
      return { ...at(offset), message: `${where}${plainly(issue.message)}` };
    }),
  };
}

/** valibot's wording of a key problem, as a person editing the file reads it. */
function plainly(message: string): string {
  return message
    .replace(/^Invalid key: Expected never but received "(.*)"$/, 'unknown key "$1"')
    .replace(/^Invalid key: Expected "(.*)" but received undefined$/, 'missing "$1"')
    .replace(/^Invalid type: Expected (.*) but received (.*)$/, 'expected $1, found $2');
}
