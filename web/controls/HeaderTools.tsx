// The header's tools (compare, share, load, theme, text size, help). On a wide screen they sit in the
// header's row; up to 1100 px (styles.css) they fold into a popover behind one "Tools" button (the browser's
// popover: outside click and Escape close it), so the header keeps to one row on a small laptop (the event
// list below needs the height) and to a title row and the send form on a tablet or a phone, and no button's
// label breaks across lines.
import type { ReactNode } from 'react';

export function HeaderTools({ children }: { children: ReactNode }) {
  return (
    <div className="header-tools">
      <button type="button" className="tools-toggle" popoverTarget="header-actions">
        Tools <span aria-hidden="true">▾</span>
      </button>
      <div className="header-actions" id="header-actions" popover="auto">
        {children}
      </div>
    </div>
  );
}
