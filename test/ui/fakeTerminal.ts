import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';

/** A terminal's stdin as Ink uses it: raw mode, 'readable' and read(); records raw-mode changes. */
export class FakeStdin extends EventEmitter {
  isTTY: boolean;
  rawMode: boolean[] = [];
  refs = 0;
  private queue: string[] = [];
  constructor(isTTY = true) {
    super();
    this.isTTY = isTTY;
  }
  setRawMode(on: boolean) {
    this.rawMode.push(on);
    return this;
  }
  setEncoding() {
    return this;
  }
  ref() {
    this.refs++;
    return this;
  }
  unref() {
    this.refs--;
    return this;
  }
  resume() {
    return this;
  }
  pause() {
    return this;
  }
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  /** A key press, as the terminal would send it. */
  press(key: string) {
    this.queue.push(key);
    this.emit('readable');
  }
}

/** A terminal's stdout: a size, and everything written to it. */
export class FakeStdout extends EventEmitter {
  isTTY = true;
  columns: number;
  rows = 40;
  writes: string[] = [];
  constructor(columns = 100) {
    super();
    this.columns = columns;
  }
  write(chunk: string) {
    this.writes.push(chunk);
    return true;
  }
  /** All that was written, escape sequences removed. */
  text() {
    return stripVTControlCharacters(this.writes.join(''));
  }
}
