import { describe, expect, it } from 'vitest';
import { fits, pagerCommand } from '../../src/io/pager.js';

describe('the pager setting', () => {
  it.each([
    [{}, ['less', '-FRX']],
    [{ PAGER: 'most' }, ['most']],
    [{ PAGER: 'most', MEMOIR_PAGER: 'less -R' }, ['less', '-R']],
    [{ PAGER: 'most', MEMOIR_PAGER: '' }, undefined],
    [{ PAGER: '' }, undefined],
    [{ PAGER: 'cat' }, undefined],
    [{ MEMOIR_PAGER: '  cat -v ' }, undefined],
  ])('%j pages with %j', (env, expected) => {
    expect(pagerCommand(env)).toEqual(expected);
  });
});

describe('whether output fits the terminal', () => {
  const terminal = { rows: 3, columns: 10 };
  it.each([
    ['', true],
    ['a\nb\n', true],
    ['a\nb\nc\n', false],
    ['a very long line, wider than ten\n', false],
    ['\x1b[33mabcdefghij\x1b[39m\nb\n', true],
  ])('%j: %s', (text, expected) => {
    expect(fits(text, terminal)).toBe(expected);
  });
});
