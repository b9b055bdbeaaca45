/**
 * Lookups by key, read together: the first caller's key is read at once; keys asked for while a read is under
 * way wait and go together in the next one (at most `maxBatch` keys a read). A thousand requests arriving at
 * once cost a few statements instead of a thousand; a lone request costs what it did. `read` answers the
 * keys it found; a key it does not answer resolves to undefined. A failed read rejects its callers only.
 */
export function batchedLookups<K, V>(read: (keys: K[]) => Promise<Map<K, V>>, maxBatch = 500): (key: K) => Promise<V | undefined> {
  let waiting = new Map<K, Array<{ resolve: (value: V | undefined) => void; reject: (error: unknown) => void }>>();
  let reading = false;

  const readNext = (): void => {
    if (waiting.size === 0) {
      reading = false;
      return;
    }
    reading = true;
    const batch = new Map<K, Array<{ resolve: (value: V | undefined) => void; reject: (error: unknown) => void }>>();
    for (const [key, callers] of waiting) {
      if (batch.size >= maxBatch) break;
      batch.set(key, callers);
    }
    for (const key of batch.keys()) waiting.delete(key);
    if (waiting.size === 0) waiting = new Map();
    read([...batch.keys()]).then(
      (found) => {
        for (const [key, callers] of batch) for (const caller of callers) caller.resolve(found.get(key));
      },
      (error: unknown) => {
        for (const callers of batch.values()) for (const caller of callers) caller.reject(error);
      },
    ).finally(readNext);
  };

  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      const callers = waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      if (!reading) readNext();
    });
}
