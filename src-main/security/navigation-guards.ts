/** The part of Electron's WebContents the guards use (a plain emitter stands in for it in tests). */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/**
 * The window shows the app and nothing else: no navigation of the window or of any frame in it (a link or a
 * script cannot take the bridge to another page), no new windows, no <webview>. Loading the app itself is
 * main's loadURL/loadFile, which these events do not see.
 */
export function guardNavigation(contents: GuardedContents): void {
  const refuse = (event: { preventDefault(): void }) => event.preventDefault();
  contents.on('will-navigate', refuse);
  contents.on('will-frame-navigate', refuse);
  contents.on('will-attach-webview', refuse);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
