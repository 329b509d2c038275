import { Box } from 'ink';
import { Words } from './Words.js';

/** A fact's text, quoted and indented; long text wraps inside the indent. */
export function Quote({ text }: { text: string }) {
  return (
    <Box marginLeft={2}>
      <Words spans={[{ text: `“${text.trim()}”` }]} />
    </Box>
  );
}
