// The keyboard shortcuts' list, shown by HelpPopover.
export const SHORTCUTS: readonly [string, string][] = [
  ['Space', 'Play or pause'],
  ['→ / ←', 'Step forward / step back'],
  ['Home / End', 'First / last step'],
  ['Tab, then arrow keys', 'Move between the devices of the diagram'],
  ['Enter', 'Open the focused device’s details'],
  ['Enter, in the event list', 'Explain the words of the chosen row (dotted words elsewhere are buttons)'],
  ['Shift+F10 or Menu key', 'Fail or restore the focused VM'],
  ['?', 'Show or hide this help'],
  ['Escape', 'Close a menu or this help'],
];

export function HelpPanel() {
  return (
    <div id="help-popover" className="popover" role="dialog" aria-label="Keyboard shortcuts">
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">Add ?motion=off to the address to make tokens jump instead of glide; ?text=large for a projector.</p>
    </div>
  );
}
