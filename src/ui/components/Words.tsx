import { Box, Text, type TextProps } from 'ink';
import { escapeControl } from '../../core/controlChars.js';

export interface Span {
  text: string;
  style?: TextProps;
}

/**
 * Text that wraps at word boundaries with every line starting flush at the box's left edge
 * (Ink's own wrapping keeps the space it broke at, so wrapped lines start one column in).
 * Each word is a flex item; spans give runs of words their own style.
 */
export function Words({ spans }: { spans: readonly Span[] }) {
  // data on screen: a control character is shown as an escape (\x1b), never sent to the terminal
  const words = spans.flatMap((span, s) =>
    escapeControl(span.text)
      .split(/\s+/)
      .filter(Boolean)
      .map((word, w) => ({ key: `${s}.${w}`, word, style: span.style })),
  );
  return (
    <Box flexWrap="wrap" columnGap={1}>
      {words.map(({ key, word, style }) => (
        <Text key={key} {...style}>
          {word}
        </Text>
      ))}
    </Box>
  );
}
