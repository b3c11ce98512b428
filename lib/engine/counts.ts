import type { Counts, Difference } from './types';

export function emptyCounts(): Counts {
  return { spin: 0, distorting: 0, alteration: 0, omission: 0, insertion: 0, move: 0, bySubkind: { number: 0, negation: 0, name: 0, wording: 0 } };
}

export function countDifferences(differences: readonly Difference[], into: Counts = emptyCounts()): Counts {
  for (const d of differences) {
    switch (d.kind) {
      case 'spin':
        into.spin++;
        if (d.distorting) into.distorting++;
        break;
      case 'alteration':
        into.alteration++;
        into.bySubkind[d.subkind]++;
        break;
      case 'omission':
        into.omission++;
        break;
      case 'insertion':
        into.insertion++;
        break;
      case 'move':
        into.move++;
        break;
    }
  }
  return into;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    spin: a.spin + b.spin,
    distorting: a.distorting + b.distorting,
    alteration: a.alteration + b.alteration,
    omission: a.omission + b.omission,
    insertion: a.insertion + b.insertion,
    move: a.move + b.move,
    bySubkind: {
      number: a.bySubkind.number + b.bySubkind.number,
      negation: a.bySubkind.negation + b.bySubkind.negation,
      name: a.bySubkind.name + b.bySubkind.name,
      wording: a.bySubkind.wording + b.bySubkind.wording,
    },
  };
}
