// The bundled seeds' index, built at build time (lib/tools/seed-index.ts).
import asset from 'virtual:yuanwen-seed-index';
import { decodeSeedIndex, type SeedIndex } from './seed-asset';

export function bundledSeedIndex(): SeedIndex {
  return decodeSeedIndex(asset);
}
