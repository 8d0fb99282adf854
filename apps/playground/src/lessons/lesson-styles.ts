// Styles the lesson elements share: the transport buttons, readouts and cards.
import { css } from 'lit';

/** Shadow-root styles for every lesson element. */
export const lessonStyles = css`
  :host { display: block; font: 14px system-ui; color: #0f172a; }
  .transport { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
  button, select { font: inherit; padding: 4px 10px; }
  .status { font: 13px ui-monospace, monospace; color: #334155; }
  .row { display: flex; gap: 20px; flex-wrap: wrap; align-items: flex-start; }
  .row > * { flex: 1 1 320px; min-width: 0; }
  .card { border: 1px solid #e2e8f0; border-radius: 6px; padding: 8px 10px; }
  .card h3 { margin: 0 0 4px; font-size: 15px; }
  table { border-collapse: collapse; font: 13px ui-monospace, monospace; }
  th, td { text-align: right; padding: 2px 10px; border-bottom: 1px solid #e2e8f0; }
  th:first-child, td:first-child { text-align: left; }
  .alert { background: #fee2e2; color: #991b1b; padding: 6px 10px; border-radius: 4px; margin: 6px 0; }
  .ok { background: #dcfce7; color: #166534; padding: 6px 10px; border-radius: 4px; margin: 6px 0; }
  .note { color: #475569; font-size: 13px; }
`;
