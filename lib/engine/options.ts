// Every tunable of the engine, in one place, with the reason for its value.
// Measured effects are in README "Engine tunables"; change them together with
// the quality tests in test/engine/quality.test.ts.

export type Sensitivity = 'strict' | 'default' | 'lenient';

export const sensitivities: readonly Sensitivity[] = ['strict', 'default', 'lenient'];

export interface EngineOptions {
  /** Characters per fingerprint k-gram (over the folded, de-spun key text).
   *  5 keeps chance hits between unrelated Chinese texts rare while a spun
   *  copy, after de-spinning, still shares most 5-grams with its original. */
  k: number;
  /** Winnowing window (Schleimer et al. 2003): one fingerprint is kept per
   *  window of this many k-grams, so any shared run of k+window-1 characters
   *  is guaranteed to share at least one fingerprint. */
  window: number;
  /** Hits whose diagonals (refPos - pagePos) differ by at most this many
   *  characters may sit in one chain: room for insertions and omissions. */
  maxDiagonalDrift: number;
  /** Largest page gap (characters) between two hits of one chain. */
  maxChainGap: number;
  /** Two chains of one reference, in order on the page and in the reference,
   *  are one match when one of their gaps is short (maxChainGap) and the other
   *  is at most this long: a dropped or an inserted paragraph. */
  maxMergeGap: number;
  /** Text inserted into a repost (junk padding after an edited sentence, an
   *  added clause) shifts the diagonal, and the reference text on its far
   *  side may be stock phrasing that carries no fingerprint weight, so the
   *  match would stop at it and the edits beyond would vanish. A match edge
   *  crosses page text up to this long when the reference's continuation
   *  (bridgeProbeChars of it) stands right beyond (verify.ts bridgeInsertions). */
  maxInsertionBridge: number;
  /** ...that many characters of the reference, found verbatim: k + window - 1,
   *  the shortest run winnowing is sure to fingerprint, so a run this long is
   *  as much evidence as a chain hit. */
  bridgeProbeChars: number;
  /** When a match stops this close to its reference's first or last character,
   *  the page is searched for the reference's opening (closing) words just
   *  before (after) it, so a sentence dropped near the ends is an omission
   *  rather than the edge of a partial quotation. */
  endReach: number;
  /** When a match stops at most this many characters from its reference's
   *  first (last) character, that part of the reference is aligned with the
   *  page text right before (after) the match (a spun headline shares no run
   *  long enough for edge extension)... */
  edgeTextChars: number;
  /** ...and taken in when at least this share of it agrees: a headline with
   *  every other word swapped keeps about half; page furniture keeps none. */
  edgeTextAgreement: number;
  /** A chain must cover at least this many key characters of rare (low
   *  document-frequency) reference text to become a match. Stock phrases
   *  shared by every bulletin carry little weight, so bulletins of other
   *  meetings stay under it. */
  minMatchWeight: number;
  /** After alignment a match needs at least this many equal Han characters
   *  outside stock phrases. 40 is the shortest passage that counts as a quote
   *  (issue 7): one shared sentence of another meeting's bulletin (about 35
   *  characters) stays below it; the strict preset asks for more. */
  minMatchChars: number;
  /** A match is refused when more than this share of its aligned text is
   *  changed (replaced, or short additions and drops; spin and whole dropped
   *  sentences do not count): "most of it changed" means a lookalike that
   *  shares scattered sentences, not a copy. No preset may go above 0.5. */
  maxChangedShare: number;
  /** A match covering less than this share of its reference's Han characters
   *  is a quote (`quote: true`): a passage inside other text, not a repost. */
  quoteMaxShare: number;
  /** A chain must also cover at least this share of its own reference region. */
  minMatchDensity: number;
  /** A fingerprint found in more than this share of the references counts as boilerplate (weight 0). */
  boilerplateDocShare: number;
  /** ...and so does one found in more than this many references, however large the corpus:
   *  stock phrasing, not evidence of a source. Bounds the work per page position too. */
  maxRefsPerFingerprint: number;
  /** At most this many candidate regions (the strongest) are taken and aligned
   *  per page. A real page carries a few bulletins, each in a few regions; a
   *  hostile page of one sentence repeated a megabyte long would otherwise ask
   *  for tens of thousands of alignments. Text beyond the bound is left
   *  unmatched. */
  maxCandidatesPerPage: number;
  /** Alignment: gaps with rows*cols up to this run a full edit-distance DP; larger ones are split by anchors first. */
  dpCellBudget: number;
  /** When a match reaches to within this many characters of its reference's
   *  end, the missing tail (typically 会议还研究了其他事项。) is reported as an
   *  omission; a longer missing tail is read as a partial quotation. The head
   *  is never reported this way: reposts often drop a headline or dateline. */
  tailOmissionChars: number;
  /** Signature of an unknown spinner (signature.ts). A match needs at least
   *  this many unexplained same-length word swaps: a hand edit of a bulletin
   *  changes a handful of words, a thesaurus tool dozens. */
  spinSignatureMinSwaps: number;
  /** ...at least this many per 100 Han characters of the match (a thesaurus
   *  spinner run over a bulletin leaves 9 to 14; eight hand edits in 003 are 0.3). */
  spinSignaturePer100: number;
  /** ...making up at least this share of the match's replacements (an editor
   *  also rewrites whole clauses; a tool swaps words only)... */
  spinSignatureSwapShare: number;
  /** ...spread so that at least this share of equal stretches of the match hold
   *  one (hand edits cluster in the sentences the editor cared about). */
  spinSignatureSpread: number;
  /** A swap is a word of at most this many Han characters for one of the same
   *  length (two adjacent two-character swaps merge into four). */
  spinSwapMaxChars: number;
  /** Overlapping swaps of an unknown spinner (signature.ts leavesBrokenWords):
   *  a same-length replacement in a spun match is the tool's when its page side
   *  holds at least this many single-character words and its reference side
   *  none. Two: one single character is common in genuine text (的, 和, a
   *  numeral), and two overlapping swaps leave two orphans, one each side. */
  brokenWordSingles: number;
  /** Unmatched text is reported as scrambled when spun-form markers reach this many per 100 Han characters... */
  scrambledMarkersPer100: number;
  /** ...and at least this many markers in the region. */
  scrambledMinMarkers: number;
  /** Unmatched regions with fewer Han characters than this are not reported. */
  minUnmatchedHan: number;
  /** Context window (characters each side) used to snap edits to word boundaries. */
  snapWindow: number;
  /** Edge extension (verify.ts extendEdges): the longest replacement bridged
   *  at a region's edge (a spun word of one to three characters)... */
  edgeBridgeChars: number;
  /** ...when at least this many characters agree beyond it (fewer agree by chance). */
  edgeAgreeChars: number;
  /** A region stopping within this many characters of its reference's first
   *  character takes as many Han characters of the page: a name opening a
   *  headline (习近平主持 -> 李克强主持) has nothing before it to agree on. */
  headNameChars: number;
  /** Reaching an end (verify.ts reachEnds): how many of the reference's first
   *  (last) characters must stand on the page... */
  endWords: number;
  /** ...and how much longer the page's gap may be than the reference's. */
  endSlack: number;
  /** Characters of context each side that classification sees (numbers, names). */
  classifyContext: number;
  /** Added or dropped text longer than this is a clause: an omission or
   *  insertion whatever it holds, and not "changed text" for maxChangedShare. */
  clauseChars: number;
  /** Longest word (characters, either side) explainEdits tries as one lexicon swap. */
  swapParseChars: number;
  /** Largest edit (rows x columns) explainEdits parses into swaps or aligns again. */
  swapParseCells: number;
  /** Unmatched text: a spun form that genuine references also use counts this
   *  much as a marker (a strong marker counts 1)... */
  weakMarkerWeight: number;
  /** ...and a listed spun form that is not a marker this much. */
  plainMarkerWeight: number;
  /** Page lines (paragraphs.ts): fingerprint weight per Han character a line
   *  needs to be given to a reference by its chains (winnowing keeps about 0.4
   *  per character of shared text; a stray shared k-gram or two far less). */
  lineHitDensity: number;
  /** Lines of fewer Han characters are not given to a reference by their text alone. */
  lineTextChars: number;
  /** Moves (moves.ts): an omitted passage needs this many Han characters to be a moved paragraph... */
  moveMinHan: number;
  /** ...and this share of it aligned by another match of its reference to count as present. */
  moveCoveredShare: number;
  /** ...and an omitted passage not found verbatim on the page is looked for
   *  rotated by up to this many characters: a paragraph moved next to one that
   *  opens with the same words (会议指出，要) is omitted a few characters off its
   *  edges. 12 covers the openings of the seeds' meeting genres (5 to 8 Han
   *  characters) with room; the rotation never exceeds a quarter of the passage. */
  moveRotationChars: number;
  /** Near-duplicates (near-duplicate.ts): a new text is the same bulletin as a
   *  reference when one match covers at least this share of both articles (a
   *  reprint on another site adds a headline, a dateline, an editor's line)... */
  nearDuplicateCoverage: number;
  /** ...and its differences change at most this share of the article's characters
   *  (a reprint fixes a typo; an edited or spun copy changes far more). */
  nearDuplicateChangeShare: number;
  /** Before asking verify(), a reference can be a near-duplicate only if it holds at
   *  least this share of the new article's fingerprints. A copy within the two bounds
   *  above keeps about 70% of them (winnowing picks the same fingerprint from the same
   *  text; each changed character disturbs at most window + k - 1 of them), so 0.5
   *  never misses one, and an ordinary new article (a few per cent shared) costs no
   *  verification at all. */
  nearDuplicatePrefilterShare: number;
  /** A sliced verification (slices.ts runSliced) hands control back at its
   *  next yield point once it has run this long (ms) since it last did, so a
   *  queue can run another tab's short verification in between. 40 ms keeps
   *  each slice under the 50 ms long-task limit when one step between yield
   *  points is short; a heavy page's larger stages still run as one step. */
  verifySliceMs: number;
}

export const defaultOptions: Readonly<EngineOptions> = Object.freeze({
  k: 5,
  window: 4,
  maxDiagonalDrift: 40,
  maxChainGap: 120,
  maxMergeGap: 800,
  maxInsertionBridge: 240,
  bridgeProbeChars: 8,
  endReach: 120,
  edgeTextChars: 60,
  edgeTextAgreement: 0.4,
  minMatchWeight: 24,
  minMatchChars: 40,
  maxChangedShare: 0.5,
  quoteMaxShare: 0.5,
  minMatchDensity: 0.25,
  boilerplateDocShare: 0.5,
  maxRefsPerFingerprint: 256,
  maxCandidatesPerPage: 200,
  dpCellBudget: 40_000,
  tailOmissionChars: 40,
  spinSignatureMinSwaps: 8,
  spinSignaturePer100: 3,
  spinSignatureSwapShare: 0.8,
  spinSignatureSpread: 0.7,
  spinSwapMaxChars: 4,
  brokenWordSingles: 2,
  scrambledMarkersPer100: 0.8,
  scrambledMinMarkers: 3,
  minUnmatchedHan: 20,
  snapWindow: 8,
  edgeBridgeChars: 3,
  edgeAgreeChars: 4,
  headNameChars: 4,
  endWords: 10,
  endSlack: 10,
  classifyContext: 6,
  clauseChars: 8,
  swapParseChars: 4,
  swapParseCells: 4096,
  weakMarkerWeight: 0.1,
  plainMarkerWeight: 0.5,
  lineHitDensity: 0.15,
  lineTextChars: 6,
  moveMinHan: 20,
  moveCoveredShare: 0.8,
  moveRotationChars: 12,
  nearDuplicateCoverage: 0.9,
  nearDuplicateChangeShare: 0.02,
  nearDuplicatePrefilterShare: 0.5,
  verifySliceMs: 40,
});

/** What the options page's "sensitivity" setting changes. */
export const sensitivityPresets: Readonly<Record<Sensitivity, Partial<EngineOptions>>> = Object.freeze({
  strict: { minMatchWeight: 40, minMatchChars: 80, minMatchDensity: 0.35, maxChangedShare: 0.35 },
  default: {},
  // Lenient finds weaker chains, but a match still needs a 40-character quote's
  // worth of content and may not be mostly changed.
  lenient: { minMatchWeight: 16, minMatchDensity: 0.18 },
});

export function resolveOptions(options?: Partial<EngineOptions> & { sensitivity?: Sensitivity }): EngineOptions {
  const preset = options?.sensitivity ? sensitivityPresets[options.sensitivity] : {};
  return { ...defaultOptions, ...preset, ...options };
}
