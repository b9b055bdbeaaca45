import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../../ui/error-text';

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface KeysetPages<T> {
  status: 'loading' | 'ready' | 'error';
  /** The rows on screen: the last page that arrived for the current query (kept while the next one loads). */
  items: T[];
  error: string | null;
  /** 0 for the first page. */
  pageIndex: number;
  hasNext: boolean;
  /** The query key and cursor of the rows on screen (`data-query-key`: benchmarks wait for it). */
  shownKey: string | null;
  next(): void;
  previous(): void;
  reload(): void;
}

interface Answer<T> {
  key: string;
  reloads: number;
  page: KeysetPage<T> | null;
  error: string | null;
}

/**
 * Keyset paging over a hub list: a stack of the cursors that led to each page, reset whenever the query
 * changes. Only the answer to the latest request is shown; an answer to a query the user has already left
 * is dropped, so fast typing never shows stale rows.
 */
export function useKeysetPages<T>(queryKey: string | null, fetchPage: (cursor: string | undefined) => Promise<KeysetPage<T>>): KeysetPages<T> {
  const [paging, setPaging] = useState<{ key: string | null; cursors: Array<string | undefined> }>({ key: queryKey, cursors: [undefined] });
  const cursors = paging.key === queryKey ? paging.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const requestKey = queryKey === null ? null : `${queryKey}#${cursor ?? ''}`;
  const [reloads, setReloads] = useState(0);
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    if (requestKey === null) return;
    const request = ++latest.current;
    const settle = (page: KeysetPage<T> | null, error: string | null) => {
      if (request === latest.current) setAnswer({ key: requestKey, reloads, page, error });
    };
    // fetchPage of this render belongs to requestKey (the key is derived from the same query).
    fetchPage(cursor)
      .then((page) => settle(page, null))
      .catch((error: unknown) => settle(null, errorText(error)));
  }, [requestKey, reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  const current = answer !== null && answer.key === requestKey && reloads === answer.reloads ? answer : null;
  return {
    status: current === null ? 'loading' : current.error !== null ? 'error' : 'ready',
    items: answer?.page?.items ?? [],
    error: current?.error ?? null,
    pageIndex: cursors.length - 1,
    hasNext: Boolean(current?.page?.nextCursor),
    shownKey: answer?.page ? answer.key : null,
    next: () => {
      const nextCursor = current?.page?.nextCursor;
      if (nextCursor) setPaging({ key: queryKey, cursors: [...cursors, nextCursor] });
    },
    previous: () => {
      if (cursors.length > 1) setPaging({ key: queryKey, cursors: cursors.slice(0, -1) });
    },
    reload,
  };
}
