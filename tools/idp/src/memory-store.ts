// oidc-provider's storage, in this provider's memory (its own built-in adapter is shared by every
// provider in the process and warns on every start). A development provider loses nothing of
// value on restart: people log in to it again.
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch ms; Infinity when the model has no expiry. */
  expiresAt: number;
}

export function memoryAdapterFactory(now: () => number = Date.now): AdapterFactory {
  const models = new Map<string, Map<string, Entry>>();
  const live = (entry: Entry | undefined) => (entry && entry.expiresAt > now() ? entry : undefined);

  return (name: string): Adapter => {
    let store = models.get(name);
    if (!store) models.set(name, (store = new Map()));
    const entries = store;
    const findBy = (field: 'uid' | 'userCode', value: string) => {
      for (const entry of entries.values()) if (live(entry) && entry.payload[field] === value) return entry.payload;
      return undefined;
    };
    return {
      async upsert(id, payload, expiresIn) {
        // Sweep what has expired, so a long-running development server does not grow.
        for (const [key, entry] of entries) if (!live(entry)) entries.delete(key);
        entries.set(id, { payload, expiresAt: typeof expiresIn === 'number' ? now() + expiresIn * 1000 : Infinity });
      },
      async find(id) {
        return live(entries.get(id))?.payload;
      },
      async findByUid(uid) {
        return findBy('uid', uid);
      },
      async findByUserCode(userCode) {
        return findBy('userCode', userCode);
      },
      async consume(id) {
        const entry = entries.get(id);
        if (entry) entry.payload = { ...entry.payload, consumed: Math.floor(now() / 1000) };
      },
      async destroy(id) {
        entries.delete(id);
      },
      async revokeByGrantId(grantId) {
        for (const model of models.values()) {
          for (const [key, entry] of model) if (entry.payload.grantId === grantId) model.delete(key);
        }
      },
    };
  };
}
