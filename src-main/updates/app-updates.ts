import type { UpdateState } from '../../src-shared/contract/ipc.contract';
import { AppFailure } from '../ipc/app-failure';

/**
 * The thin part of electron-updater main drives (src-main/electron/auto-updater.ts): a generic feed on the
 * hub, a check that downloads in the background, and the restart that installs.
 */
export interface UpdaterPort {
  setFeed(url: string): void;
  /** Checks the feed and, when a newer version is there, downloads it in the background. */
  check(): Promise<void>;
  /** Quits and installs the downloaded version (the app starts again). */
  quitAndInstall(): void;
}

export interface AppUpdatesOptions {
  updater: UpdaterPort;
  emit: (state: UpdateState) => void;
  /** Why a restart must wait now (a Won push main is running), or null. */
  busyReason: () => string | null;
  logError: (message: string, error: unknown) => void;
  /** Between background checks while signed in (default 4 h); 0: only at sign-in. */
  checkEveryMs?: number;
}

/** The hub serves published updates here (hub admin publish-update). */
export function updateFeedUrl(hubUrl: string): string {
  return `${hubUrl.replace(/\/+$/, '')}/api/v1/updates`;
}

/**
 * Updates from the floor's own hub: checked at sign-in and every few hours, downloaded in the background, and
 * installed only when the person asks ("Restart to update") and nothing would be cut off — never during a
 * Won push here, and the renderer offers the button only with no call timer running and no wizard open. A
 * version not restarted into installs when the app quits, as electron-updater does.
 */
export class AppUpdates {
  private state: UpdateState = { status: 'none' };
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: AppUpdatesOptions) {}

  current(): UpdateState {
    return this.state;
  }

  /** A sign-in (or a restored session): the feed is that hub's, checked now and then periodically. */
  watch(hubUrl: string): void {
    this.stop();
    this.options.updater.setFeed(updateFeedUrl(hubUrl));
    void this.check();
    const every = this.options.checkEveryMs ?? 4 * 60 * 60_000;
    if (every > 0) this.timer = setInterval(() => void this.check(), every);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** electron-updater's events, mapped onto what the renderer shows. */
  available(version: string): void {
    if (this.state.status !== 'ready') this.set({ status: 'downloading', version, percent: 0 });
  }

  progress(percent: number): void {
    if (this.state.status === 'downloading') this.set({ ...this.state, percent: Math.max(0, Math.min(100, Math.round(percent))) });
  }

  downloaded(version: string): void {
    this.set({ status: 'ready', version });
  }

  failed(error: unknown): void {
    // A floor without a published update, or a hub that is away: logged, never shown as an error to agents.
    this.options.logError('update check or download failed', error);
    if (this.state.status === 'downloading') this.set({ status: 'none' });
  }

  /** "Restart to update": only a ready update, and only when nothing main runs would be cut off. */
  restart(): void {
    if (this.state.status !== 'ready') throw AppFailure.of('invalid_input', 'No update has been downloaded yet.');
    const busy = this.options.busyReason();
    if (busy) throw AppFailure.of('invalid_input', `Restart after that: ${busy}`);
    this.options.updater.quitAndInstall();
  }

  private async check(): Promise<void> {
    try {
      await this.options.updater.check();
    } catch (error) {
      this.failed(error);
    }
  }

  private set(state: UpdateState): void {
    this.state = state;
    this.options.emit(state);
  }
}
