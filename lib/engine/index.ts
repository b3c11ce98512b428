// Public surface of the pure engine. Import from 'lib/engine' only.
export type * from './types';
export { buildIndex, fingerprintArticle, pageFingerprints, stockPhraseKeys, type ArticlePrints, type CorpusIndex, type CorpusStats } from './corpus-index';
export { bundledLexicon, type Lexicon } from './lexicon';
export { verify } from './verify';
export { defaultOptions, sensitivityPresets, type EngineOptions, type Sensitivity } from './options';
export { emptyCounts } from './counts';
