import { Box } from 'ink';
import { useTheme } from '../theme.js';
import { Words } from './Words.js';

export interface CandidateDetailsProps {
  /** The leaf's description, when the list had to cut it. */
  description?: string;
  /** The current value of a `one` leaf that accepting would replace. */
  supersedes?: string;
  indent: number;
}

/** What the list cannot show on one line about the highlighted suggestion. */
export function CandidateDetails({ description, supersedes, indent }: CandidateDetailsProps) {
  const theme = useTheme();
  if (!description && supersedes === undefined) return null;
  return (
    <Box flexDirection="column" marginLeft={indent}>
      {description ? <Words spans={[{ text: description, style: theme.dim }]} /> : null}
      {supersedes !== undefined ? (
        <Words spans={[{ text: 'replaces:', style: theme.warn }, { text: `“${supersedes.trim()}”` }]} />
      ) : null}
    </Box>
  );
}
