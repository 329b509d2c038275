import { Box, Text } from 'ink';
import type { LeafInfo } from '../types.js';
import { useTheme } from '../theme.js';
import { useColumns } from '../useColumns.js';
import { ChoiceList, choiceColumns, type Choice } from './ChoiceList.js';
import { CandidateDetails } from './CandidateDetails.js';
import { escapeControl } from '../../core/controlChars.js';

export interface PathEditorProps {
  draft: string;
  /** The matches shown (at most a handful) and how many there are in all. */
  matches: readonly LeafInfo[];
  total: number;
  highlighted: number;
  error?: string;
}

/** A one-line path input with the taxonomy leaves that match it underneath. */
export function PathEditor({ draft, matches, total, highlighted, error }: PathEditorProps) {
  const theme = useTheme();
  const terminalColumns = useColumns();
  const choices: Choice[] = matches.map((leaf) => ({ label: leaf.path, detail: leaf.description }));
  // the list is indented by 2: what does not fit of the highlighted match's description goes under it
  const width = terminalColumns - 2;
  const room = choiceColumns(choices, { columns: width }).detail;
  const current = matches[highlighted];
  const cursor = theme.cursor.inverse ? ' ' : '_';
  return (
    <Box flexDirection="column">
      <Text>
        <Text {...theme.strong}>{'path: '}</Text>
        <Text>{escapeControl(draft)}</Text>
        <Text {...theme.cursor}>{cursor}</Text>
      </Text>
      <Box marginLeft={2} flexDirection="column">
        {draft.trim() === '' ? (
          <Text {...theme.dim}>type the start of a path or a word in it, e.g. theme</Text>
        ) : matches.length === 0 ? (
          <Text {...theme.dim}>{`no leaf matches “${escapeControl(draft)}”`}</Text>
        ) : (
          <ChoiceList choices={choices} highlighted={highlighted} width={width} />
        )}
        {total > matches.length ? (
          <Text {...theme.dim}>{`… ${total - matches.length} more: keep typing to narrow`}</Text>
        ) : null}
        {current && current.description.length > room ? (
          <Box marginTop={1}>
            <CandidateDetails indent={2} description={current.description} />
          </Box>
        ) : null}
      </Box>
      {error ? <Text {...theme.error}>{`✗ ${escapeControl(error)}`}</Text> : null}
    </Box>
  );
}
