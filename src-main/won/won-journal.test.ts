import { mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileJournalStorage, memoryJournalStorage, WonJournal, type PendingConfirmation } from './won-journal';

const confirm = (pushId: string, owner = 'http://hub|u1', leadId = 'l1'): PendingConfirmation => ({
  kind: 'confirm',
  owner,
  leadId,
  pushId,
  soName: 'S00012',
  soId: 12,
  dealershipName: 'Sandbox Motors',
  savedAt: 1,
});

describe('WonJournal', () => {
  it('keeps reports per owner and lead, one per push id', () => {
    const journal = new WonJournal(memoryJournalStorage());
    journal.putPending(confirm('p1'));
    journal.putPending({ ...confirm('p1'), soName: 'S00013' });
    journal.putPending(confirm('p2', 'http://hub|u2'));
    journal.putPending({ kind: 'fail', owner: 'http://hub|u1', leadId: 'l2', pushId: 'p3', error: { code: 'dealer_timeout', message: 'slow' }, savedAt: 2 });
    expect(journal.pending('http://hub|u1').map((item) => item.pushId)).toEqual(['p1', 'p3']);
    expect(journal.pending('http://hub|u1', 'l1')).toMatchObject([{ pushId: 'p1', soName: 'S00013' }]);
    journal.removePending('p1');
    expect(journal.pending('http://hub|u1').map((item) => item.pushId)).toEqual(['p3']);
  });

  it('records unknown creates per hub and lead until cleared', () => {
    const journal = new WonJournal(memoryJournalStorage());
    journal.putUnsettled({ hubUrl: 'http://a', leadId: 'l1', sentAt: 10 });
    journal.putUnsettled({ hubUrl: 'http://a', leadId: 'l1', sentAt: 20 });
    journal.putUnsettled({ hubUrl: 'http://b', leadId: 'l1', sentAt: 30 });
    expect(journal.unsettled('http://a', 'l1')).toEqual({ hubUrl: 'http://a', leadId: 'l1', sentAt: 20 });
    journal.clearUnsettled('http://a', 'l1');
    expect(journal.unsettled('http://a', 'l1')).toBeNull();
    expect(journal.unsettled('http://b', 'l1')?.sentAt).toBe(30);
  });

  it('survives a restart in its file, owner-only, and sets an unreadable file aside', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'journal-')), 'nested', 'won-journal.json');
    new WonJournal(fileJournalStorage(path)).putPending(confirm('p1'));
    expect(new WonJournal(fileJournalStorage(path)).pending('http://hub|u1')).toMatchObject([{ pushId: 'p1' }]);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, '{"version": 1, "pending": [{"kind": "confirm"}]');
    expect(new WonJournal(fileJournalStorage(path)).pending('http://hub|u1')).toEqual([]);
    expect(readFileSync(`${path}.corrupt`, 'utf8')).toContain('"pending"');
    expect(existsSync(path)).toBe(false);
  });
});
