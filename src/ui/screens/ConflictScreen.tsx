import { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { Decision } from '../../core/merge.js';
import type { MergeConflict } from '../../store/mergeState.js';
import { makeTheme, ThemeContext, useTheme } from '../theme.js';
import { useColumns } from '../useColumns.js';
import { Header } from '../components/Header.js';
import { Words } from '../components/Words.js';
import { KeyHints } from '../components/KeyHints.js';
import { CONFLICT_EDIT_KEYS, CONFLICT_KEYS, type KeyHint } from '../keyTable.js';
import { useKeyedState } from '../useKeyedState.js';
import { CONFLICT_KIND, decisionLabel } from '../../output/decision.js';
import { conflictStep, initialConflictState, undecided, type ConflictState } from './conflictState.js';
import { escapeControl } from '../../core/controlChars.js';
import { RefusalLine, TextEditLine } from '../components/TextEditLine.js';

export interface ConflictOutcome {
  /** True when Enter was pressed with every conflict decided: the merge commit may be written. */
  done: boolean;
  decisions: Record<string, Decision>;
}

export interface ConflictScreenProps {
  conflicts: readonly MergeConflict[];
  /** Decisions made before (a merge resumed). */
  decisions?: Record<string, Decision>;
  onDone(outcome: ConflictOutcome): void;
  color?: boolean;
}

/** The footer: the keys of keyTable.ts that mean something for this conflict. */
function hints(conflict: MergeConflict, editing: boolean): KeyHint[] {
  const E = CONFLICT_EDIT_KEYS;
  if (editing) return [E.use, E.clear, E.cancel];
  const K = CONFLICT_KEYS;
  return [K.ours, K.theirs, ...(conflict.cardinality === 'many' ? [K.both] : []), K.edit, K.move, K.write, K.leave];
}

/** Rows of the conflict list shown at once. */
const LIST_ROWS = 8;

function Side({
  label,
  fact,
  change,
}: {
  label: string;
  fact: { text: string } | null;
  change?: { name: string; date: string };
}) {
  const theme = useTheme();
  return (
    <Box>
      <Box width={9} flexShrink={0}>
        <Text {...theme.strong}>{label}</Text>
      </Box>
      <Box flexDirection="column">
        {fact ? <Words spans={[{ text: `“${fact.text}”` }]} /> : <Text {...theme.dim}>(absent)</Text>}
        {change ? (
          <Text
            {...theme.dim}
          >{`changed by ${escapeControl(change.name)}, ${escapeControl(change.date.slice(0, 16).replace('T', ' '))}`}</Text>
        ) : null}
      </Box>
    </Box>
  );
}

function Body({ state, conflicts }: { state: ConflictState; conflicts: readonly MergeConflict[] }) {
  const theme = useTheme();
  const focused = conflicts[state.index];
  const decided = conflicts.length - undecided(state, conflicts);
  // the terminal's width (80 where it reports none, as under `script`)
  const columns = useColumns();
  // a long list scrolls: a window of rows that keeps the focused conflict in view
  const start = Math.max(0, Math.min(state.index - Math.floor(LIST_ROWS / 2), conflicts.length - LIST_ROWS));
  return (
    <Box flexDirection="column" width={columns}>
      <Header
        title="Merge conflicts"
        position={`Conflict ${state.index + 1} of ${conflicts.length} · ${decided} decided`}
      />
      <Box flexDirection="column" marginTop={1}>
        {start > 0 ? <Text {...theme.dim}>{`  … ${start} more above`}</Text> : null}
        {conflicts
          .slice(start, start + LIST_ROWS)
          .map((c, k) => ({ c, i: start + k }))
          .map(({ c, i }) => (
            <Text key={c.id} wrap="truncate-end">
              <Text {...(i === state.index ? theme.accent : {})}>{i === state.index ? '❯ ' : '  '}</Text>
              <Text {...theme.dim}>{escapeControl(c.id)} </Text>
              <Text>{escapeControl(c.path)} </Text>
              <Text {...(state.decisions[c.id] ? theme.dim : theme.warn)}>
                {escapeControl(decisionLabel(state.decisions[c.id]))}
              </Text>
            </Text>
          ))}
        {start + LIST_ROWS < conflicts.length ? (
          <Text {...theme.dim}>{`  … ${conflicts.length - start - LIST_ROWS} more below`}</Text>
        ) : null}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <Text>
          <Text {...theme.strong}>{escapeControl(focused.path)}</Text>
          <Text {...theme.dim}>{`  ${CONFLICT_KIND[focused.kind]}`}</Text>
        </Text>
        <Side label="base" fact={focused.base} />
        <Side label="ours" fact={focused.ours} change={focused.changed.ours} />
        <Side label="theirs" fact={focused.theirs} change={focused.changed.theirs} />
      </Box>
      {state.edit ? <TextEditLine label="text" draft={state.edit.draft} /> : null}
      <RefusalLine message={state.message} />
      <Box marginTop={1}>
        <KeyHints hints={hints(focused, Boolean(state.edit))} />
      </Box>
    </Box>
  );
}

/**
 * The conflicts of a merge, one focused at a time with its base, ours and theirs: keep ours,
 * take theirs, keep both, or edit; Enter once all are decided, q/Esc to leave (decisions kept).
 */
export function ConflictScreen({ conflicts, decisions, onDone, color = true }: ConflictScreenProps) {
  const state = useKeyedState<ConflictState, NonNullable<ConflictState['outcome']>>(
    () => initialConflictState(conflicts, decisions),
    (next, action) => conflictStep(next, action, conflicts),
    onDone,
  );
  const theme = useMemo(() => makeTheme(color), [color]);
  if (state.outcome || conflicts.length === 0) return null;
  return (
    <ThemeContext.Provider value={theme}>
      <Body state={state} conflicts={conflicts} />
    </ThemeContext.Provider>
  );
}
