// Public surface of the pack format. Pure: no DOM, no extension API, no Node
// built-in, so the CLI, the service worker, the pages and a server share it.
// (lib/pack/folder.ts, which reads a folder from disk, is Node only and not
// re-exported here.)
export * from './schema';
export { describePackProblem, PackError, type PackProblem } from './problems';
export { readPack, validatePack, type PackResult } from './read';
export { articleEntry, corpusPack, createPack, packCorpus, serializePack, type NewText } from './write';
export { sha256Hex } from './hash';
