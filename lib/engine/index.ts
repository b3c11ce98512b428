// Public surface of the pure engine. Import from 'lib/engine' only.
export type * from './types';
export { buildIndex, type CorpusIndex } from './corpus-index';
export { verify } from './verify';
export { defaultOptions, sensitivityPresets, type EngineOptions, type Sensitivity } from './options';
export { emptyCounts } from './counts';
