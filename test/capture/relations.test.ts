import { describe, expect, it } from 'vitest';
import { relationsIn, withRelations } from '../../src/capture/relations.js';
import type { Turn } from '../../src/capture/types.js';

const turn = (number: number, speaker: string, text: string, role: Turn['role'] = 'user'): Turn => ({
  number,
  speaker,
  role,
  text,
});

describe('relationsIn', () => {
  it('reads who a name is from the ways people introduce it', () => {
    const relations = relationsIn([
      turn(1, 'Priya', 'I took my little brother Dev to the match'),
      turn(2, 'Priya', "Meera, my manager, signed it off. My dog's name is Toffee"),
      turn(3, 'Sam', 'my partner, Alex, is a nurse'),
    ]);
    expect(Object.fromEntries(relations)).toEqual({
      Dev: { speaker: 'Priya', relation: 'little brother' },
      Meera: { speaker: 'Priya', relation: 'manager' },
      Toffee: { speaker: 'Priya', relation: 'dog' },
      Alex: { speaker: 'Sam', relation: 'partner' },
    });
  });

  it('trusts no name said two ways, and not what an assistant says', () => {
    const relations = relationsIn([
      turn(1, 'Priya', 'my friend Jo is coming'),
      turn(2, 'Priya', 'my cousin Jo lives in Pune'),
      turn(3, 'assistant', 'Say hi to your sister Nia, my friend Nia too', 'assistant'),
    ]);
    expect(relations.size).toBe(0);
  });
});

describe('withRelations', () => {
  const relations = relationsIn([turn(1, 'Priya', 'my daughter Asha is six')]);

  it('says who a name is, as the one who introduced it or as anyone else', () => {
    expect(withRelations('Asha loves trains', relations, 'Priya')).toBe('my daughter Asha loves trains');
    expect(withRelations('I babysat Asha on Friday', relations, 'Tom')).toBe(
      "I babysat Priya's daughter Asha on Friday",
    );
  });

  it('leaves a sentence that already says it, or names no one known', () => {
    expect(withRelations('my daughter Asha is six', relations, 'Priya')).toBe('my daughter Asha is six');
    expect(withRelations('Ashanti sang', relations, 'Priya')).toBe('Ashanti sang');
  });
});
