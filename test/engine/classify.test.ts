// Classification of single edits, one rule at a time (lib/engine/classify.ts).
import { describe, expect, it } from 'vitest';
import { classifyEdit, type EditContext } from '../../lib/engine/classify';

const edit = (ref: string, page: string, more: Partial<EditContext> = {}): EditContext => ({
  ref,
  page,
  refBefore: '',
  refAfter: '',
  pageBefore: '',
  pageAfter: '',
  spin: false,
  distorting: false,
  ...more,
});

describe('classifyEdit', () => {
  it('numbers and dates, read with the numerals that touch the edit', () => {
    expect(classifyEdit(edit('5', '6', { refBefore: '1月2', pageBefore: '1月2', refAfter: '日电', pageAfter: '日电' }))).toEqual({ kind: 'alteration', subkind: 'number' });
    expect(classifyEdit(edit('两', '三', { refAfter: '次召开', pageAfter: '次召开' }))).toEqual({ kind: 'alteration', subkind: 'number' });
    expect(classifyEdit(edit('一', '三', { refBefore: '正月初', pageBefore: '正月初' }))).toEqual({ kind: 'alteration', subkind: 'number' });
    // Digits a few characters away do not make a wording change a number.
    expect(classifyEdit(edit('报告', '答复', { pageBefore: '1200现早' }))).toEqual({ kind: 'alteration', subkind: 'wording' });
  });

  it('a short added or dropped number is a number; junk digits and long sentences are not', () => {
    expect(classifyEdit(edit('1月25日', ''))).toEqual({ kind: 'alteration', subkind: 'number' });
    expect(classifyEdit(edit('', 'x9z'))).toEqual({ kind: 'insertion' });
    expect(classifyEdit(edit('要把医务人员放在第一位加以保护', ''))).toEqual({ kind: 'omission' });
  });

  it('negations added or removed, but not spinner artefacts or whole sentences', () => {
    expect(classifyEdit(edit('', '不'))).toEqual({ kind: 'alteration', subkind: 'negation' });
    expect(classifyEdit(edit('坚决防止', '不必防止'))).toEqual({ kind: 'alteration', subkind: 'negation' });
    expect(classifyEdit(edit('离不开', '离得开'))).toEqual({ kind: 'alteration', subkind: 'negation' });
    expect(classifyEdit(edit('观察', '不雅察', { spin: true }))).toEqual({ kind: 'spin', distorting: false });
    expect(classifyEdit(edit('不断', '持续'))).toEqual({ kind: 'alteration', subkind: 'wording' });
    expect(classifyEdit(edit('', '各地不得擅自停止春节假期后的复工安排'))).toEqual({ kind: 'insertion' });
  });

  it('names of people and places', () => {
    expect(classifyEdit(edit('习近平', '李克强', { refAfter: '主持会议', pageAfter: '主持会议' }))).toEqual({ kind: 'alteration', subkind: 'name' });
    expect(classifyEdit(edit('湖北', '湖南'))).toEqual({ kind: 'alteration', subkind: 'name' });
    expect(classifyEdit(edit('信阳', '南阳'))).toEqual({ kind: 'alteration', subkind: 'name' });
    // A title or verb alone does not make a word a name.
    expect(classifyEdit(edit('会议', '大会', { refAfter: '强调', pageAfter: '强调' }))).toEqual({ kind: 'alteration', subkind: 'wording' });
  });

  it('spin, distorting or not; anything else is wording', () => {
    expect(classifyEdit(edit('应对', '玩忽', { spin: true, distorting: true }))).toEqual({ kind: 'spin', distorting: true });
    expect(classifyEdit(edit('工作', '服务', { spin: true }))).toEqual({ kind: 'spin', distorting: false });
    expect(classifyEdit(edit('平稳有序', '基本停滞'))).toEqual({ kind: 'alteration', subkind: 'wording' });
  });
});
