// API keys: random, shown once when created, stored as their SHA-256 only.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

export interface ApiKey {
  name: string;
  canIngest: boolean;
}

export const hashKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** A new key: "yw_" and 32 random bytes in base64url. */
export function newKey(): string {
  return `yw_${randomBytes(32).toString('base64url')}`;
}

/** Stores a key (hashed) under a name; the same name again replaces the key. */
export async function addKey(pool: pg.Pool, name: string, key: string, canIngest: boolean): Promise<void> {
  await pool.query(
    `insert into api_key (key_hash, name, can_ingest) values ($1, $2, $3)
     on conflict (name) do update set key_hash = excluded.key_hash, can_ingest = excluded.can_ingest`,
    [hashKey(key), name, canIngest],
  );
}

/** How long a looked-up key is remembered (milliseconds)... */
const CACHE_MS = 30_000;
/** ...and an unknown one, so a key added a moment ago soon works. */
const MISS_CACHE_MS = 2_000;

/** Keys looked up by hash, remembered for a while so a request costs no extra query. */
export class KeyRing {
  private readonly cache = new Map<string, { at: number; key: ApiKey | undefined }>();

  constructor(private readonly pool: pg.Pool) {}

  async lookup(key: string): Promise<ApiKey | undefined> {
    const h = hashKey(key);
    const id = h.toString('hex');
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < (hit.key ? CACHE_MS : MISS_CACHE_MS)) return hit.key;
    const r = await this.pool.query<{ name: string; can_ingest: boolean }>('select name, can_ingest from api_key where key_hash = $1', [h]);
    const found = r.rows[0] ? { name: r.rows[0].name, canIngest: r.rows[0].can_ingest } : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { at: Date.now(), key: found });
    return found;
  }
}
