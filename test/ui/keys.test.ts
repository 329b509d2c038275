import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { toActions } from '../../src/ui/keys.js';

const none: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('toActions', () => {
  it.each([
    ['j', {}, [{ type: 'text', text: 'j' }]],
    ['', { upArrow: true }, [{ type: 'up' }]],
    ['', { downArrow: true }, [{ type: 'down' }]],
    ['\r', { return: true }, [{ type: 'enter' }]],
    ['', { escape: true, meta: true }, [{ type: 'escape' }]],
    ['', { tab: true }, [{ type: 'tab' }]],
    ['', { delete: true }, [{ type: 'backspace' }]],
    ['c', { ctrl: true }, [{ type: 'interrupt' }]],
    ['u', { ctrl: true }, [{ type: 'clear' }]],
    ['x', { ctrl: true }, []],
    ['x', { meta: true }, []],
    ['', { leftArrow: true }, []],
    // keys typed ahead, or a paste, in one event
    ['j\r', {}, [{ type: 'text', text: 'j' }, { type: 'enter' }]],
    ['ebranch\t\r', {}, [{ type: 'text', text: 'ebranch' }, { type: 'tab' }, { type: 'enter' }]],
    [
      'ab\u007fc\u0001d',
      {},
      [{ type: 'text', text: 'ab' }, { type: 'backspace' }, { type: 'text', text: 'c' }, { type: 'text', text: 'd' }],
    ],
    ['constructor', {}, [{ type: 'text', text: 'constructor' }]],
  ])('%j %j', (input, key, expected) => {
    expect(toActions(input, { ...none, ...key })).toEqual(expected);
  });
});
