import { useEffect, useState } from 'react';
import { LABEL_FORMAT_IDS, LABEL_FORMATS, type LabelFormatId } from './label-formats.ts';
import type { LabelItem } from './label-items.ts';
import { printLabelsHtml } from './print-labels.ts';
import { renderLabelsHtml } from './render-labels.ts';
import './labels.css';

const FORMAT_KEY = 'printfloor.labels.format';

export interface LabelPrintDialogProps {
  /** One record or a selection from a list (batch). */
  items: readonly LabelItem[];
  /** Origin the QR links point at; default this app's. Labels outlive host names, any origin scans. */
  origin?: string;
  /** First format offered; default the last one used on this device, else the 62 mm roll. */
  defaultFormat?: LabelFormatId;
  onClose?: () => void;
}

/** Pick the label stock, see the labels as they will print, and print them. */
export function LabelPrintDialog({
  items,
  origin = window.location.origin,
  defaultFormat,
  onClose,
}: LabelPrintDialogProps) {
  const [format, setFormat] = useState<LabelFormatId>(() => defaultFormat ?? rememberedFormat());
  const [html, setHtml] = useState<string | null>(null);
  const [previewHtml, setPreviewHtml] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    let live = true;
    setHtml(null);
    const zoom = LABEL_FORMATS[format].page.widthMm < 100 ? 2.5 : 1;
    Promise.all([
      renderLabelsHtml(items, format, origin, { screenZoom: zoom }),
      renderLabelsHtml(items, format, origin),
    ]).then(
      ([preview, print]) => {
        if (!live) return;
        setPreviewHtml(preview);
        setHtml(print);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [items, format, origin]);

  const choose = (id: LabelFormatId) => {
    setFormat(id);
    try {
      localStorage.setItem(FORMAT_KEY, id);
    } catch {
      // Not remembered; still printed.
    }
  };

  return (
    <section className="pf-labels" aria-label="Print labels">
      <header className="pf-labels__bar">
        <h2 className="pf-labels__title">
          {items.length === 1 ? `Label for ${items[0]?.code ?? ''}` : `${items.length} labels`}
        </h2>
        <button
          type="button"
          className="pf-labels__button pf-labels__button--primary"
          data-testid="labels-print"
          disabled={html === null || printing || items.length === 0}
          onClick={() => {
            if (html === null) return;
            setPrinting(true);
            void printLabelsHtml(html).finally(() => setPrinting(false));
          }}
        >
          {printing ? 'Printing…' : 'Print'}
        </button>
        {onClose && (
          <button type="button" className="pf-labels__button" onClick={onClose}>
            Close
          </button>
        )}
      </header>
      <div className="pf-labels__formats" role="radiogroup" aria-label="Label stock">
        {LABEL_FORMAT_IDS.map((id) => (
          <button
            key={id}
            type="button"
            role="radio"
            aria-checked={id === format}
            className="pf-labels__format"
            onClick={() => choose(id)}
          >
            {LABEL_FORMATS[id].name}
          </button>
        ))}
      </div>
      {error && <p role="alert">Could not render the labels: {error}</p>}
      <iframe
        className="pf-labels__preview"
        title="Label preview"
        srcDoc={previewHtml}
        data-testid="labels-preview"
      />
    </section>
  );
}

function rememberedFormat(): LabelFormatId {
  try {
    const v = localStorage.getItem(FORMAT_KEY);
    return (LABEL_FORMAT_IDS as readonly string[]).includes(v ?? '') ? (v as LabelFormatId) : 'thermal-62';
  } catch {
    return 'thermal-62';
  }
}
