import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { useColumns } from '../useColumns.js';
import { escapeControl } from '../../core/controlChars.js';

export interface Choice {
  /** The main column: a leaf path, "ours", "theirs". */
  label: string;
  /** A short right-aligned column: "82%". */
  meta?: string;
  /** The rest of the line, truncated to the terminal's width. */
  detail?: string;
}

export interface ChoiceListProps {
  choices: readonly Choice[];
  highlighted: number;
  /** Number the first nine rows, for the digit keys. */
  numbered?: boolean;
  /** Width of the label column; by default the longest label's. */
  labelWidth?: number;
  /** The width the list may use; by default the terminal's. */
  width?: number;
}

export const MARKER = '❯';
const GAP = 2;

/** Narrower than this, a detail says too little to be worth its column. */
const MIN_DETAIL = 12;

/**
 * The columns' widths, and how much of a line is left for the detail (0: no detail column), for
 * a caller that needs to know whether a detail was cut. The label gives way last: on a narrow
 * terminal the details go first.
 */
export function choiceColumns(
  choices: readonly Choice[],
  options: { numbered?: boolean; labelWidth?: number; columns: number },
) {
  choices = choices.map(shown);
  const longest = options.labelWidth ?? Math.max(0, ...choices.map((c) => c.label.length));
  const meta = Math.max(0, ...choices.map((c) => c.meta?.length ?? 0));
  const number = options.numbered ? 3 : 0;
  const fixed = 2 + number + GAP + (meta > 0 ? meta + GAP : 0);
  const label = Math.max(8, Math.min(longest, options.columns - fixed));
  const rest = options.columns - fixed - label;
  return { label, meta, number, detail: rest >= MIN_DETAIL ? rest : 0 };
}

/** A choice as shown: a control character in a label or description (data) is escaped, never sent to the terminal. */
function shown(choice: Choice): Choice {
  return {
    label: escapeControl(choice.label),
    meta: choice.meta === undefined ? undefined : escapeControl(choice.meta),
    detail: choice.detail === undefined ? undefined : escapeControl(choice.detail),
  };
}

/** A list with one highlighted row, marked ❯: one line a row, columns aligned, the detail truncated. */
export function ChoiceList({ choices, highlighted, numbered = false, labelWidth, width }: ChoiceListProps) {
  const theme = useTheme();
  const terminalColumns = useColumns();
  const widths = choiceColumns(choices, { numbered, labelWidth, columns: width ?? terminalColumns });
  return (
    <Box flexDirection="column">
      {choices.map(shown).map((choice, i) => {
        const on = i === highlighted;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: labels can repeat; a choice's place in the list is what it is
          <Box key={`${i}:${choice.label}`}>
            <Box width={2} flexShrink={0}>
              <Text {...theme.accent}>{on ? MARKER : ' '}</Text>
            </Box>
            {numbered ? (
              <Box width={widths.number} flexShrink={0}>
                <Text {...(on ? theme.accent : theme.dim)}>{i < 9 ? String(i + 1) : ''}</Text>
              </Box>
            ) : null}
            <Box width={widths.label} flexShrink={0} marginRight={GAP}>
              <Text wrap="truncate-middle" {...(on ? { ...theme.accent, ...theme.strong } : {})}>
                {choice.label}
              </Text>
            </Box>
            {widths.meta > 0 ? (
              <Box width={widths.meta} flexShrink={0} marginRight={GAP} justifyContent="flex-end">
                <Text>{choice.meta ?? ''}</Text>
              </Box>
            ) : null}
            {choice.detail && widths.detail > 0 ? (
              <Box flexGrow={1} flexShrink={1}>
                <Text wrap="truncate-end" {...theme.dim}>
                  {choice.detail}
                </Text>
              </Box>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
