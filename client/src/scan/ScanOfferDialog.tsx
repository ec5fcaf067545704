import type { QrKind } from '@printfloor/shared';
import { KIND_LABEL, type ScanOutcome, type SpoolPrefill } from './dispatch.ts';
import './scanner.css';

export type ScanOffer = Extract<ScanOutcome, { type: 'unbound' } | { type: 'create-spool' }>;

export interface ScanOfferDialogProps {
  offer: ScanOffer;
  /** Create a new record that carries this label's code. */
  onBindNew: (kind: QrKind, code: string) => void;
  /** Put this label's code on a record that exists (e.g. relabel a spool). Omit to hide the choice. */
  onBindExisting?: (kind: QrKind, code: string) => void;
  onCreateSpool: (ean: string, prefill: SpoolPrefill | null) => void;
  onDismiss: () => void;
}

/**
 * The questions a scan can ask: bind a pre-printed label, or create a spool from a filament box.
 * Nothing happens until the operator answers; Cancel changes nothing.
 */
export function ScanOfferDialog({
  offer,
  onBindNew,
  onBindExisting,
  onCreateSpool,
  onDismiss,
}: ScanOfferDialogProps) {
  return (
    <div
      className="pf-offer"
      role="dialog"
      aria-modal="true"
      aria-labelledby="pf-offer-title"
      data-testid="scan-offer"
    >
      <div className="pf-offer__card">
        <h2 id="pf-offer-title">{offer.type === 'unbound' ? 'New label' : 'Filament box'}</h2>
        <p>{offer.message}</p>
        <div className="pf-offer__actions">
          {offer.type === 'unbound' ? (
            <>
              <button
                type="button"
                className="pf-scan__button pf-scan__button--primary"
                onClick={() => onBindNew(offer.kind, offer.code)}
              >
                New {KIND_LABEL[offer.kind]}
              </button>
              {onBindExisting && (
                <button
                  type="button"
                  className="pf-scan__button"
                  onClick={() => onBindExisting(offer.kind, offer.code)}
                >
                  Existing {KIND_LABEL[offer.kind]}
                </button>
              )}
            </>
          ) : (
            <button
              type="button"
              className="pf-scan__button pf-scan__button--primary"
              onClick={() => onCreateSpool(offer.ean, offer.prefill)}
            >
              Create spool
            </button>
          )}
          <button type="button" className="pf-scan__button" onClick={onDismiss}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
