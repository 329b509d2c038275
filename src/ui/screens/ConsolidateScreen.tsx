import { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { ConsolidateDecision } from '../../app/consolidate.js';
import type { Proposal } from '../../core/consolidate.js';
import type { Fact } from '../../core/fact.js';
import { escapeControl } from '../../core/controlChars.js';
import type { LeafInfo } from '../types.js';
import { makeTheme, ThemeContext, useTheme, type Theme } from '../theme.js';
import { useColumns, useRows } from '../useColumns.js';
import { shorten } from '../shorten.js';
import { Header } from '../components/Header.js';
import { Words } from '../components/Words.js';
import { PathEditor } from '../components/PathEditor.js';
import { KeyHints } from '../components/KeyHints.js';
import { RefusalLine, TextEditLine } from '../components/TextEditLine.js';
import { CONSOLIDATE_EDIT_KEYS, CONSOLIDATE_KEYS, CONSOLIDATE_PATH_KEYS, type KeyHint } from '../keyTable.js';
import { useKeyedState } from '../useKeyedState.js';
import { shownMatches } from './pathEditState.js';
import {
  consolidateStep,
  initialConsolidateState,
  pendingCount,
  plainlyAccepted,
  type ConsolidateState,
  type ConsolidateVerdict,
} from './consolidateState.js';

export interface ConsolidateScreenProps {
  proposals: readonly Proposal[];
  leaves: readonly LeafInfo[];
  /** Called once, with a decision per proposal in order, when none is pending or on q, Esc, Ctrl-C. */
  onDone(decisions: ConsolidateDecision[]): void;
  color?: boolean;
}

/** Lines of a fact's text shown at most. */
const FACT_LINES = 3;
/** Facts of a proposal shown at least, however short the terminal. */
const MIN_FACTS = 2;

const percent = (n: number) => `${Math.round(Math.min(1, Math.max(0, n)) * 100)}%`;

function verdictLabel(verdict: ConsolidateVerdict | undefined, p: Proposal): string {
  if (!verdict) return 'pending';
  if (verdict.kind === 'accept') {
    if (p.kind !== 'contradiction') return 'accepted';
    return `accepted: keep ${p.facts.findIndex((f) => f.id === verdict.keep) + 1}`;
  }
  return verdict.kind === 'reject' ? 'rejected' : 'later';
}

function verdictStyle(verdict: ConsolidateVerdict | undefined, theme: Theme) {
  if (!verdict) return theme.warn;
  return verdict.kind === 'accept' ? theme.accent : theme.dim;
}

/** The leaf a proposal is about. */
function leafOf(p: Proposal): string {
  if (p.kind === 'dedupe') return p.keep.path;
  if (p.kind === 'contradiction') return p.facts[0].path;
  return p.fact.path;
}

/** What the kind line adds to the kind: how alike, how old, how sure. */
function measure(p: Proposal): string | undefined {
  if (p.kind === 'dedupe') return `${percent(p.score)} alike`;
  if (p.kind === 'stale') return `${p.ageDays} days old`;
  if (p.kind === 'refile') return `${percent(p.confidence)} sure`;
  return undefined;
}

/** The footer: the keys of keyTable.ts that mean something now. */
function hints(state: ConsolidateState, proposals: readonly Proposal[]): KeyHint[] {
  if (state.edit) {
    const E = CONSOLIDATE_EDIT_KEYS;
    return [E.use, E.clear, E.cancel, E.finish];
  }
  if (state.path) {
    const P = CONSOLIDATE_PATH_KEYS;
    return [P.choose, P.complete, P.confirm, P.back, P.finish];
  }
  const K = CONSOLIDATE_KEYS;
  const p = proposals[state.index];
  const deciding = [
    ...(plainlyAccepted(p) ? [K.accept] : []),
    ...(p.kind === 'contradiction' ? [K.keep] : []),
    ...(p.kind === 'dedupe' ? [{ ...K.edit, action: 'edit text' }] : []),
    ...(p.kind === 'refile' ? [{ ...K.edit, action: 'choose leaf' }] : []),
  ];
  const safeLeft = proposals.some((q, i) => !state.verdicts[i] && q.safe && plainlyAccepted(q));
  const finish = pendingCount(state) > 0 ? K.finish : { ...K.finish, action: 'finish' };
  return [
    ...(proposals.length > 1 ? [K.move] : []),
    ...deciding,
    K.reject,
    K.skip,
    ...(safeLeft ? [K.safe] : []),
    K.undo,
    finish,
  ];
}

/** One fact of a proposal: a label column, the text quoted, and where it came from underneath. */
function FactRow({ label, fact, text, leaf }: { label: string; fact: Fact; text?: string; leaf: string }) {
  const theme = useTheme();
  const columns = useColumns();
  const where = fact.path === leaf ? '' : ` · at ${fact.path}`;
  const when = fact.recordedAt ? ` · recorded ${fact.recordedAt.slice(0, 10)}` : '';
  const meta = `${fact.id} · ${fact.source}${when}${where}`;
  return (
    <Box marginLeft={2}>
      <Box width={7} flexShrink={0}>
        <Text {...theme.strong}>{label}</Text>
      </Box>
      <Box flexDirection="column" flexShrink={1}>
        <Words spans={[{ text: `“${shorten(text ?? fact.text, columns - 11, FACT_LINES)}”` }]} />
        {text !== undefined ? (
          <Words spans={[{ text: `reworded from “${shorten(fact.text, columns - 11, 2)}”`, style: theme.dim }]} />
        ) : null}
        <Text wrap="truncate-end" {...theme.dim}>
          {escapeControl(meta)}
        </Text>
      </Box>
    </Box>
  );
}

/** The facts of the focused proposal, as many as fit in `room` rows (each takes about three). */
function Facts({ state, proposal, room }: { state: ConsolidateState; proposal: Proposal; room: number }) {
  const theme = useTheme();
  const leaf = leafOf(proposal);
  const verdict = state.verdicts[state.index];
  const rows: Array<{ label: string; fact: Fact; text?: string }> = (() => {
    switch (proposal.kind) {
      case 'dedupe':
        return [
          { label: 'keep', fact: proposal.keep, text: state.texts[state.index] },
          ...proposal.drop.map((fact) => ({ label: 'drop', fact })),
        ];
      case 'contradiction':
        return proposal.facts.map((fact, i) => {
          const kept = verdict?.kind === 'accept' ? (verdict.keep === fact.id ? ' keep' : ' drop') : '';
          return { label: `${i + 1}${kept}`, fact };
        });
      default:
        return [{ label: '', fact: proposal.fact }];
    }
  })();
  const shown = rows.slice(0, Math.max(MIN_FACTS, Math.floor(room / 3)));
  return (
    <Box flexDirection="column">
      {shown.map((row) => (
        <FactRow key={row.fact.id} label={row.label} fact={row.fact} text={row.text} leaf={leaf} />
      ))}
      {rows.length > shown.length ? (
        <Text {...theme.dim}>{`         … ${rows.length - shown.length} more like these`}</Text>
      ) : null}
    </Box>
  );
}

/** A refile's destination: the proposed leaf, or the one chosen instead. */
function Destination({ proposal, chosen }: { proposal: Proposal & { kind: 'refile' }; chosen?: string }) {
  const theme = useTheme();
  return (
    <Box marginLeft={2}>
      <Text wrap="truncate-end">
        <Text {...theme.strong}>{'move to '}</Text>
        <Text {...theme.accent}>{escapeControl(chosen ?? proposal.to)}</Text>
        <Text {...theme.dim}>
          {chosen !== undefined ? `  (your choice; proposed ${escapeControl(proposal.to)})` : ''}
        </Text>
      </Text>
    </Box>
  );
}

function Body({
  state,
  proposals,
  leaves,
}: {
  state: ConsolidateState;
  proposals: readonly Proposal[];
  leaves: readonly LeafInfo[];
}) {
  const theme = useTheme();
  const columns = useColumns();
  const rows = useRows();
  const p = proposals[state.index];
  const verdict = state.verdicts[state.index];
  const count = (kind: ConsolidateVerdict['kind']) => state.verdicts.filter((v) => v?.kind === kind).length;
  const tally = `${count('accept')} accepted · ${count('reject')} rejected · ${count('skip')} later · ${pendingCount(state)} pending`;
  const matches = state.path ? shownMatches(state.path.draft, leaves) : undefined;
  const extra = measure(p);
  // rows left for the facts: the header, the kind, the reason, a destination, an editor, a message, the footer, one spare
  const room = rows - 12 - (state.path ? 11 : 0) - (state.edit ? 2 : 0) - (state.message ? 2 : 0);
  return (
    <Box flexDirection="column" width={columns}>
      <Header title="Consolidating memory" position={`${state.index + 1} of ${proposals.length} · ${tally}`} />
      <Box marginTop={1} flexDirection="column">
        <Text wrap="truncate-end">
          <Text {...theme.accent}>{p.kind}</Text>
          <Text {...theme.dim}>{`  ${escapeControl(p.id)}  `}</Text>
          <Text {...theme.strong}>{escapeControl(leafOf(p))}</Text>
          <Text {...theme.dim}>{`${extra ? `  ${extra}` : ''}${p.safe ? '  safe' : ''}  · `}</Text>
          <Text {...verdictStyle(verdict, theme)}>{verdictLabel(verdict, p)}</Text>
        </Text>
        <Box marginLeft={2}>
          <Words spans={[{ text: p.reason, style: theme.dim }]} />
        </Box>
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Facts state={state} proposal={p} room={room} />
        {p.kind === 'refile' ? <Destination proposal={p} chosen={state.targets[state.index]} /> : null}
      </Box>
      {state.path && matches ? (
        <Box marginTop={1}>
          <PathEditor
            draft={state.path.draft}
            matches={matches.shown}
            total={matches.total}
            highlighted={state.path.highlighted}
            error={state.path.error}
          />
        </Box>
      ) : null}
      {state.edit ? <TextEditLine label="text" draft={state.edit.draft} /> : null}
      <RefusalLine message={state.message} />
      <Box marginTop={1}>
        <KeyHints hints={hints(state, proposals)} />
      </Box>
    </Box>
  );
}

/**
 * The repairs proposed for the memory, one at a time with its facts: accept, keep one of two
 * contradicting facts, reword the fact that stays, choose another leaf, reject, leave for later,
 * undo. Draws nothing once done.
 */
export function ConsolidateScreen({ proposals, leaves, onDone, color = true }: ConsolidateScreenProps) {
  const context = useMemo(() => ({ proposals, leaves }), [proposals, leaves]);
  const state = useKeyedState<ConsolidateState, ConsolidateDecision[]>(
    () => initialConsolidateState(proposals.length),
    (next, action) => consolidateStep(next, action, context),
    onDone,
  );
  const theme = useMemo(() => makeTheme(color), [color]);
  if (state.outcome) return null;
  return (
    <ThemeContext.Provider value={theme}>
      <Body state={state} proposals={proposals} leaves={leaves} />
    </ThemeContext.Provider>
  );
}
