// Domain types of the verification engine. Everything the CLI, the extension,
// the tests and the benchmark exchange with the engine is declared here.
//
// Offsets are UTF-16 code-unit indices, end exclusive. Page offsets index the
// raw page text given to `verify`; reference offsets index the raw seed *file*
// (not the article), so a span can be sliced straight out of seeds/<file>.

export interface Span {
  start: number;
  end: number;
}

/** One article of the corpus, as listed in seeds/manifest.json. */
export interface ArticleEntry {
  id: string;
  file: string;
  /** Article range inside the file (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
  headline: string;
  publisher: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  role: 'reference' | 'specimen';
  note?: string;
}

/** What the engine needs to build its index: the manifest and the file texts. */
export interface CorpusSource {
  entries: readonly ArticleEntry[];
  /** file name -> full decoded text of that seed file */
  files: Readonly<Record<string, string>>;
}

export type AlterationSubkind = 'number' | 'negation' | 'name' | 'wording';

interface DifferenceBase {
  /** Raw span in the seed file (empty span at the point of an insertion). */
  ref: Span;
  /** Raw span in the page text (empty span at the point of an omission). */
  page: Span;
  refText: string;
  pageText: string;
}

/**
 * A replacement made by a synonym spinner: either one the mined lexicon
 * explains (`listed: true`), or one recognised by the signature a thesaurus
 * tool leaves in a match (dense, short, same-length swaps spread evenly,
 * numbers and names kept) though the lexicon does not know it (`listed: false`).
 */
export interface SpinDifference extends DifferenceBase {
  kind: 'spin';
  /** The swap reverses or badly distorts the meaning (应对→玩忽, 加快→减缓). */
  distorting: boolean;
  /** True when the spinner lexicon explains the swap. */
  listed: boolean;
}

/** A change no spinner explains: a hand edit. */
export interface AlterationDifference extends DifferenceBase {
  kind: 'alteration';
  subkind: AlterationSubkind;
  /** The change reverses the meaning: a negation inserted or removed, a word
   *  swapped for its antonym (增强→削弱), a direction or quantity reversed. */
  distorting: boolean;
}

/** Reference text missing inside a matched region. */
export interface OmissionDifference extends DifferenceBase {
  kind: 'omission';
}

/** Page text added inside a matched region. */
export interface InsertionDifference extends DifferenceBase {
  kind: 'insertion';
}

/**
 * A passage of the reference that stands elsewhere in the match (reordered
 * paragraphs). `ref` is where it is in the reference, `page` where it stands
 * on the page now; it is neither an omission nor an insertion. No subkind.
 */
export interface MoveDifference extends DifferenceBase {
  kind: 'move';
}

export type Difference = SpinDifference | AlterationDifference | OmissionDifference | InsertionDifference | MoveDifference;
export type DifferenceKind = Difference['kind'];

export type MatchVerdict = 'faithful' | 'edited' | 'scrambled';
export type Verdict = MatchVerdict | 'unmatched';

export interface Counts {
  spin: number;
  /** Spin differences with distorting: true (also counted in `spin`). A
   *  distorting alteration is counted under its subkind; its own `distorting`
   *  flag says so. */
  distorting: number;
  alteration: number;
  omission: number;
  insertion: number;
  move: number;
  /** Alterations by subkind (they sum to `alteration`). */
  bySubkind: Record<AlterationSubkind, number>;
}

export interface MatchedReference {
  id: string;
  file: string;
  /** Matched region in the seed file. */
  start: number;
  end: number;
  headline: string;
  publisher: string;
  date: string;
}

export interface Match {
  ref: MatchedReference;
  page: Span;
  /** A passage of the reference quoted inside unrelated text (commentary,
   *  another article), not a repost of the reference. */
  quote: boolean;
  verdict: MatchVerdict;
  counts: Counts;
  /** Ordered by page position. */
  differences: Difference[];
}

/** A spun form found in page text that matches no reference. */
export interface SpinSign {
  page: Span;
  pageText: string;
  /** The plain form the reversed lexicon restores. */
  original: string;
  distorting: boolean;
}

export interface UnmatchedRegion {
  page: Span;
  /** Dense with spun forms: machine-spun text whose original is not in the corpus. */
  scrambled: boolean;
  /** Only when scrambled: the region's raw text with spun forms reversed. A reconstruction, not an original. */
  restored?: string;
  signs: SpinSign[];
}

export interface Report {
  verdict: Verdict;
  /** Ordered by page position, never overlapping on the page. */
  matches: Match[];
  /** Han-text regions outside every match, ordered by page position. */
  unmatched: UnmatchedRegion[];
  /** Sum over matches. */
  counts: Counts;
}
