const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['?', 'Show or hide this help'],
  ['Alt+1, Alt+2, …', 'Go to the first, second, … menu entry'],
  ['/', 'Search Open Leads'],
  ['Enter', 'Open the focused card'],
  ['Ctrl+→', 'Move the focused My Pipeline card to the next stage'],
  ['Ctrl+←', 'Move it back (refused by the pipeline rule, which says why)'],
  ['Esc', 'Close the lead or this help'],
  ['F5', 'Refresh the view (pull from the hub now)'],
  ['Ctrl+Shift+R', 'Hard refresh: rebuild the local copy from the hub'],
];

/** The keyboard-shortcut sheet, opened with `?`. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="overlay" onClick={onClose}>
      <section className="shortcut-help" role="dialog" aria-label="Keyboard shortcuts" onClick={(event) => event.stopPropagation()}>
        <header>
          <h2>Keyboard shortcuts</h2>
          <button type="button" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
