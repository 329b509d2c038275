import { describe, expect, it } from 'vitest';
import { runCompletion } from '../../src/completion/run.js';
import { gitdirOf, gitIn, leafFile, nativeCommit, repoTemplate } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

// Tab completion prints what the repository holds (fact texts beside their ids) into the shell's line editor: never a control character.

const FOOD = 'preferences.food.cuisine';
const freshRepo = repoTemplate();

describe('completion of a hostile repository', () => {
  it('a fact with terminal escapes in its text is described without them', async () => {
    const dir = freshRepo();
    const hostile = 'Likes \u001b]52;c;aGFja2Vk\u0007ramen\u001b[2J \u009b31m sep \u2028 end';
    await runIn(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit']);
    const food = gitIn(dir, ['show', `main:${leafFile(FOOD)}`]);
    nativeCommit(
      dir,
      { [leafFile(FOOD)]: `${food}- ${hostile} <!-- id=e5c0ffee01 at=2026-01-15T00:00:00Z -->\n` },
      'plant',
    );
    const lines = await runCompletion(['rm', ''], { MEMOIR_DIR: gitdirOf(dir) }, dir);
    expect(lines).toMatch(/\ne5c0ffee01\tpreferences\.food\.cuisine: Likes /);
    expect(lines.split('\n')).toHaveLength(3); // two facts, each on one line
    expect(lines.replace(/[\t\n]/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });
});
