import { navigate } from '../app/router.ts';
import { toast } from '../components/Toast.tsx';
import { bindExistingPath, bindNewPath, createSpoolPath } from './offer-paths.ts';
import { ScanOfferDialog, type ScanOffer } from './ScanOfferDialog.tsx';

/** The shell's answer to a scan offer: open the form that binds the label or creates the spool. */
export function AppScanOffer({ offer, onDone }: { offer: ScanOffer; onDone: () => void }) {
  const go = (path: string | null, otherwise: string) => {
    onDone();
    if (path) navigate(path);
    else toast(otherwise);
  };
  return (
    <ScanOfferDialog
      offer={offer}
      onDismiss={onDone}
      onBindNew={(kind, code) => go(bindNewPath(kind, code), 'This kind of record is not made on a tablet.')}
      onBindExisting={(kind, code) => go(bindExistingPath(kind, code), 'This label cannot be bound.')}
      onCreateSpool={(ean) => go(createSpoolPath(ean), '')}
    />
  );
}
