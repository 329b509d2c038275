import { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { CaptureDecision, CaptureItem } from '../../capture/types.js';
import type { LeafInfo } from '../types.js';
import { makeTheme, ThemeContext, useTheme, type Theme } from '../theme.js';
import { useColumns, useRows } from '../useColumns.js';
import { shorten } from '../shorten.js';
import { Header } from '../components/Header.js';
import { Quote } from '../components/Quote.js';
import { Words } from '../components/Words.js';
import { ChoiceList, choiceColumns, MARKER, type Choice } from '../components/ChoiceList.js';
import { CandidateDetails } from '../components/CandidateDetails.js';
import { PathEditor } from '../components/PathEditor.js';
import { KeyHints } from '../components/KeyHints.js';
import { CAPTURE_EDIT_KEYS, CAPTURE_KEYS, CAPTURE_PATH_KEYS, type KeyHint } from '../keyTable.js';
import { useKeyedState } from '../useKeyedState.js';
import { escapeControl } from '../../core/controlChars.js';
import { RefusalLine, TextEditLine } from '../components/TextEditLine.js';
import { shownMatches } from './pathEditState.js';
import { captureStep, initialCaptureState, pendingCount, type CaptureState, type Verdict } from './captureState.js';

export interface CaptureScreenProps {
  items: readonly CaptureItem[];
  leaves: readonly LeafInfo[];
  /** Called once, with a decision per proposal in order, when none is pending or on q, Esc, Ctrl-C. */
  onDone(decisions: CaptureDecision[]): void;
  color?: boolean;
}

/** Lines of a turn's text shown at most: the turn is context, the proposal is what is decided. */
const TURN_LINES = 3;
/** Rows of the list shown at least, however short the terminal. */
const MIN_LIST_ROWS = 3;

const percent = (confidence: number) => `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;

function verdictLabel(verdict: Verdict | undefined): string {
  if (!verdict) return 'pending';
  if (verdict.kind === 'accept') return `accepted ${verdict.path}`;
  return verdict.kind === 'reject' ? 'rejected' : 'later';
}

function verdictStyle(verdict: Verdict | undefined, theme: Theme) {
  if (!verdict) return theme.warn;
  return verdict.kind === 'accept' ? theme.accent : theme.dim;
}

/** The footer: the keys of keyTable.ts that mean something now. */
function hints(state: CaptureState, item: CaptureItem): KeyHint[] {
  if (state.edit) {
    const E = CAPTURE_EDIT_KEYS;
    return [E.use, E.clear, E.cancel, E.finish];
  }
  if (state.path) {
    const P = CAPTURE_PATH_KEYS;
    return [P.choose, P.complete, P.confirm, P.back, P.finish];
  }
  const K = CAPTURE_KEYS;
  const count = item.candidates.length;
  const filing =
    count === 0
      ? [{ ...K.path, action: 'type leaf (no suggestion)' }]
      : [
          K.accept,
          { ...K.pick, keys: count > 1 ? `1-${Math.min(count, 9)}` : '1' },
          ...(count > 1 ? [K.next] : []),
          K.path,
        ];
  const finish = pendingCount(state) > 0 ? K.finish : { ...K.finish, action: 'finish' };
  return [K.move, ...filing, K.edit, K.reject, K.later, K.all, K.undo, finish];
}

/** Lines a run of words takes at a width (a rough count: words wrap, never break). */
const linesOf = (length: number, width: number) => Math.max(1, Math.ceil(length / Math.max(10, width - 4)));

/**
 * How many rows of the list fit above the focused proposal's details, leaving a line spare:
 * a frame as tall as the terminal makes Ink clear the whole screen at every key.
 */
function listRows(
  size: { rows: number; columns: number },
  state: CaptureState,
  item: CaptureItem,
  footer: readonly KeyHint[],
): number {
  const { rows, columns } = size;
  const reworded = state.texts[state.index];
  const footerLength = footer.reduce((n, h) => n + h.keys.length + h.action.length + 3, 0);
  const suggestions = state.path
    ? 11 // the path, six matches, how many more, the highlighted one's description, an error
    : Math.max(1, item.candidates.length) + 2 + (item.candidates.some((c) => c.supersedes !== undefined) ? 1 : 0);
  const detail =
    2 + // the header and the gap under it
    2 + // "… more above", "… more below"
    1 +
    linesOf((reworded ?? item.text).length + 2, columns - 2) + // the gap, the proposal
    (reworded !== undefined ? linesOf(item.text.length + 16, columns - 2) : 0) + // what it was reworded from
    1 +
    TURN_LINES + // its turn
    1 +
    suggestions +
    (state.edit ? 1 + linesOf(state.edit.draft.length + 7, columns) : 0) +
    (state.message ? 1 + linesOf(state.message.length, columns) : 0) +
    1 +
    linesOf(footerLength, columns) + // the footer, which wraps
    1; // spare
  return Math.max(MIN_LIST_ROWS, rows - detail);
}

function ProposalList({ state, items, rows }: { state: CaptureState; items: readonly CaptureItem[]; rows: number }) {
  const theme = useTheme();
  const columns = useColumns();
  // a long list scrolls: a window of rows that keeps the focused proposal in view
  const start = Math.max(0, Math.min(state.index - Math.floor(rows / 2), items.length - rows));
  const shown = items.slice(start, start + rows).map((item, k) => ({ item, i: start + k }));
  const number = String(items.length).length + 1;
  const labelWidth = Math.min(
    Math.max(...shown.map(({ i }) => escapeControl(verdictLabel(state.verdicts[i])).length)),
    Math.max(8, Math.floor(columns / 2)),
  );
  return (
    <Box flexDirection="column">
      {start > 0 ? <Text {...theme.dim}>{`  … ${start} more above`}</Text> : null}
      {shown.map(({ item, i }) => {
        const on = i === state.index;
        const verdict = state.verdicts[i];
        const edited = state.texts[i];
        return (
          <Box key={i}>
            <Box width={2} flexShrink={0}>
              <Text {...theme.accent}>{on ? MARKER : ' '}</Text>
            </Box>
            <Box width={number} flexShrink={0}>
              <Text {...(on ? theme.accent : theme.dim)}>{String(i + 1)}</Text>
            </Box>
            <Box width={labelWidth} flexShrink={0} marginRight={2}>
              <Text wrap="truncate-middle" {...verdictStyle(verdict, theme)}>
                {escapeControl(verdictLabel(verdict))}
              </Text>
            </Box>
            <Box flexGrow={1} flexShrink={1}>
              <Text wrap="truncate-end" {...(on ? theme.strong : {})}>
                {edited !== undefined ? <Text {...theme.dim}>{'edited: '}</Text> : null}
                {escapeControl((edited ?? item.text).replace(/\s+/g, ' ').trim())}
              </Text>
            </Box>
          </Box>
        );
      })}
      {start + rows < items.length ? (
        <Text {...theme.dim}>{`  … ${items.length - start - rows} more below`}</Text>
      ) : null}
    </Box>
  );
}

function Turn({ turn }: { turn: CaptureItem['turn'] }) {
  const theme = useTheme();
  const columns = useColumns();
  const when = turn.at ? ` · ${turn.at.slice(0, 16).replace('T', ' ')}` : '';
  return (
    <Box flexDirection="column" marginLeft={2}>
      <Text wrap="truncate-end" {...theme.dim}>
        {escapeControl(`from turn ${turn.number} · ${turn.speaker}${when}`)}
      </Text>
      <Quote text={shorten(turn.text, columns - 4, TURN_LINES)} />
    </Box>
  );
}

function Suggestions({ item, highlighted }: { item: CaptureItem; highlighted: number }) {
  const theme = useTheme();
  const terminalColumns = useColumns();
  const current = item.candidates[highlighted];
  if (!current)
    return <Text {...theme.warn}>no suggestion: press p to type a leaf before this fact can be accepted</Text>;
  const choices: Choice[] = item.candidates.map((c) => ({
    label: c.path,
    meta: percent(c.confidence),
    detail: c.description,
  }));
  const columns = choiceColumns(choices, { numbered: true, columns: terminalColumns });
  return (
    <Box flexDirection="column">
      <ChoiceList choices={choices} highlighted={highlighted} numbered />
      <CandidateDetails
        indent={5}
        description={current.description.length > columns.detail ? current.description : undefined}
        supersedes={current.supersedes}
      />
    </Box>
  );
}

function Body({
  state,
  items,
  leaves,
}: {
  state: CaptureState;
  items: readonly CaptureItem[];
  leaves: readonly LeafInfo[];
}) {
  const theme = useTheme();
  const columns = useColumns();
  const rows = useRows();
  const item = items[state.index];
  const count = (kind: Verdict['kind']) => state.verdicts.filter((v) => v?.kind === kind).length;
  const tally = `${count('accept')} accepted · ${count('reject')} rejected · ${count('later')} later · ${pendingCount(state)} pending`;
  const edited = state.texts[state.index];
  const matches = state.path ? shownMatches(state.path.draft, leaves) : undefined;
  const footer = hints(state, item);
  return (
    <Box flexDirection="column" width={columns}>
      <Header title="Facts from the conversation" position={`${state.index + 1} of ${items.length} · ${tally}`} />
      <Box marginTop={1}>
        <ProposalList
          state={state}
          items={items}
          rows={Math.min(items.length, listRows({ rows, columns }, state, item, footer))}
        />
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Quote text={edited ?? item.text} />
        {edited !== undefined ? (
          <Box marginLeft={2}>
            <Words spans={[{ text: `reworded from “${shorten(item.text, columns - 4, 2)}”`, style: theme.dim }]} />
          </Box>
        ) : null}
      </Box>
      <Turn turn={item.turn} />
      <Box marginTop={1} flexDirection="column">
        {state.path && matches ? (
          <PathEditor
            draft={state.path.draft}
            matches={matches.shown}
            total={matches.total}
            highlighted={state.path.highlighted}
            error={state.path.error}
          />
        ) : (
          <Suggestions item={item} highlighted={state.highlighted} />
        )}
      </Box>
      {state.edit ? <TextEditLine label="text" draft={state.edit.draft} /> : null}
      <RefusalLine message={state.message} />
      <Box marginTop={1}>
        <KeyHints hints={footer} />
      </Box>
    </Box>
  );
}

/**
 * The facts proposed from a conversation, listed, with the focused one's turn and suggestions:
 * accept, pick, type a leaf, reword, reject, leave for later, undo. Draws nothing once done.
 */
export function CaptureScreen({ items, leaves, onDone, color = true }: CaptureScreenProps) {
  const context = useMemo(() => ({ items, leaves }), [items, leaves]);
  const state = useKeyedState<CaptureState, CaptureDecision[]>(
    () => initialCaptureState(items.length),
    (next, action) => captureStep(next, action, context),
    onDone,
  );
  const theme = useMemo(() => makeTheme(color), [color]);
  if (state.outcome) return null;
  return (
    <ThemeContext.Provider value={theme}>
      <Body state={state} items={items} leaves={leaves} />
    </ThemeContext.Provider>
  );
}
