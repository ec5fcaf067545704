import type { QrKind } from '@printfloor/shared';
import { KIND_LABEL, type ScanOutcome, type SpoolPrefill } from './dispatch.ts';
import './scanner.css';

export type ScanOffer = Extract<ScanOutcome, { type: 'unbound' } | { type: 'create-spool' }>;

/** Kinds a tablet can create a record of; work orders come from the planner (manager view). */
export const CREATABLE_ON_TABLET: ReadonlySet<QrKind> = new Set(['spool', 'part', 'printer', 'person']);

export interface ScanOfferDialogProps {
  offer: ScanOffer;
  /** Create a new record that carries this label's code (only offered for `CREATABLE_ON_TABLET`). */
  onBindNew: (kind: QrKind, code: string) => void;
  /** Put this label's code on a record that exists (e.g. relabel a spool). Omit to hide the choice. */
  onBindExisting?: (kind: QrKind, code: string) => void;
  onCreateSpool: (ean: string, prefill: SpoolPrefill | null) => void;
  onDismiss: () => void;
}

/**
 * The questions a scan can ask: bind a pre-printed label, or create a spool from a filament box.
 * Nothing happens until the operator answers; Cancel changes nothing. Big, full-width buttons: the
 * operator wears gloves and the dialog must be answerable without reading small print.
 */
export function ScanOfferDialog({
  offer,
  onBindNew,
  onBindExisting,
  onCreateSpool,
  onDismiss,
}: ScanOfferDialogProps) {
  const label = offer.type === 'unbound' ? KIND_LABEL[offer.kind] : 'spool';
  return (
    <div
      className="pf-offer"
      role="dialog"
      aria-modal="true"
      aria-labelledby="pf-offer-title"
      data-testid="scan-offer"
      data-offer={offer.type}
      onClick={(e) => {
        if (e.target === e.currentTarget) onDismiss();
      }}
    >
      <div className="pf-offer__card">
        <h2 id="pf-offer-title">{offer.type === 'unbound' ? 'New label' : 'Filament box'}</h2>
        <p className="pf-offer__code" data-testid="scan-offer-code">
          {offer.type === 'unbound' ? offer.code : `EAN ${offer.ean}`}
        </p>
        <p>{offer.message}</p>
        {offer.type === 'create-spool' && offer.prefill ? (
          <p className="pf-offer__prefill" data-testid="scan-offer-prefill">
            <span className="pf-offer__swatch" style={{ background: offer.prefill.colorHex }} aria-hidden />
            {offer.prefill.brand} {offer.prefill.material} {offer.prefill.colorName} ·{' '}
            {offer.prefill.netWeightG} g
          </p>
        ) : null}
        {offer.type === 'unbound' && !CREATABLE_ON_TABLET.has(offer.kind) ? (
          <p className="pf-offer__note">
            New {label}s are made by the planner in the manager view; you can put this label on one that
            exists.
          </p>
        ) : null}
        <div className="pf-offer__actions">
          {offer.type === 'unbound' ? (
            <>
              {CREATABLE_ON_TABLET.has(offer.kind) && (
                <button
                  type="button"
                  className="pf-scan__button pf-scan__button--primary"
                  data-testid="offer-new"
                  onClick={() => onBindNew(offer.kind, offer.code)}
                >
                  New {label}
                </button>
              )}
              {onBindExisting && (
                <button
                  type="button"
                  className={`pf-scan__button${CREATABLE_ON_TABLET.has(offer.kind) ? '' : ' pf-scan__button--primary'}`}
                  data-testid="offer-existing"
                  onClick={() => onBindExisting(offer.kind, offer.code)}
                >
                  Existing {label}
                </button>
              )}
            </>
          ) : (
            <button
              type="button"
              className="pf-scan__button pf-scan__button--primary"
              data-testid="offer-create-spool"
              onClick={() => onCreateSpool(offer.ean, offer.prefill)}
            >
              Create spool
            </button>
          )}
          <button type="button" className="pf-scan__button" data-testid="offer-cancel" onClick={onDismiss}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
