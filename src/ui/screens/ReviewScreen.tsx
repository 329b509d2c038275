import { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { LeafInfo, ReviewCandidate, ReviewItem, ReviewOutcome } from '../types.js';
import { makeTheme, ThemeContext, useTheme } from '../theme.js';
import { useColumns } from '../useColumns.js';
import { Header } from '../components/Header.js';
import { Quote } from '../components/Quote.js';
import { ChoiceList, choiceColumns, type Choice } from '../components/ChoiceList.js';
import { CandidateDetails } from '../components/CandidateDetails.js';
import { PathEditor } from '../components/PathEditor.js';
import { KeyHints } from '../components/KeyHints.js';
import { REVIEW_EDIT_KEYS, REVIEW_KEYS, type KeyHint } from '../keyTable.js';
import { useKeyedState } from '../useKeyedState.js';
import { initialReviewState, reviewStep, shownMatches, type ReviewState } from './reviewState.js';

export interface ReviewScreenProps {
  items: readonly ReviewItem[];
  leaves: readonly LeafInfo[];
  /** Called once, when the last fact is decided or the review is aborted. */
  onDone(outcome: ReviewOutcome): void;
  color?: boolean;
}

const percent = (confidence: number) => `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
const toChoice = (c: ReviewCandidate): Choice => ({
  label: c.path,
  meta: percent(c.confidence),
  detail: c.description,
});

/** The footer: the keys of keyTable.ts that mean something for this fact. */
function listHints(count: number): KeyHint[] {
  const K = REVIEW_KEYS;
  if (count === 0) return [{ ...K.edit, action: 'type a path' }, K.later, K.abort];
  return [
    ...(count > 1 ? [K.move] : []),
    K.accept,
    { ...K.pick, keys: count > 1 ? `1-${Math.min(count, 9)}` : '1' },
    K.edit,
    K.later,
    K.abort,
  ];
}

const E = REVIEW_EDIT_KEYS;
const editHints: KeyHint[] = [E.choose, E.complete, E.confirm, E.back, E.abort];

function Suggestions({ item, highlighted }: { item: ReviewItem; highlighted: number }) {
  const theme = useTheme();
  const terminalColumns = useColumns();
  const choices = item.candidates.map(toChoice);
  const current = item.candidates[highlighted];
  if (!current) return <Text {...theme.dim}>no suggestions: press e to type a leaf path</Text>;
  const columns = choiceColumns(choices, { numbered: true, columns: terminalColumns });
  return (
    <Box flexDirection="column">
      <ChoiceList choices={choices} highlighted={highlighted} numbered />
      <Box marginTop={1}>
        <CandidateDetails
          indent={5}
          description={current.description.length > columns.detail ? current.description : undefined}
          supersedes={current.supersedes}
        />
      </Box>
    </Box>
  );
}

function Body({
  state,
  items,
  leaves,
}: {
  state: ReviewState;
  items: readonly ReviewItem[];
  leaves: readonly LeafInfo[];
}) {
  const item = items[state.index];
  const edit = state.edit;
  const matches = edit ? shownMatches(edit.draft, leaves) : undefined;
  return (
    <Box flexDirection="column">
      <Header title="Where does this fact go?" position={`Fact ${state.index + 1} of ${items.length}`} />
      <Quote text={item.text} />
      <Box marginTop={1} flexDirection="column">
        {edit && matches ? (
          <PathEditor
            draft={edit.draft}
            matches={matches.shown}
            total={matches.total}
            highlighted={edit.highlighted}
            error={edit.error}
          />
        ) : (
          <Suggestions item={item} highlighted={state.highlighted} />
        )}
      </Box>
      <Box marginTop={1}>
        <KeyHints hints={edit ? editHints : listHints(item.candidates.length)} />
      </Box>
    </Box>
  );
}

/**
 * The review of the classifier's suggestions, one fact after another: accept, pick, type a
 * leaf, skip, or abort everything. Draws nothing once done.
 */
export function ReviewScreen({ items, leaves, onDone, color = true }: ReviewScreenProps) {
  // nothing to review is a review that is already over
  const context = useMemo(() => ({ items, leaves }), [items, leaves]);
  const state = useKeyedState<ReviewState, ReviewOutcome>(
    () =>
      items.length > 0 ? initialReviewState : { ...initialReviewState, outcome: { aborted: false, decisions: [] } },
    (next, action) => reviewStep(next, action, context),
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
