import { useEffect, useMemo, useState } from 'react';
import { debounceTime, merge, of, type Observable } from 'rxjs';
import { isQrKind, isValidQrCode, type QrPayload } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { navigate } from '../app/router.ts';
import { Link } from '../components/Link.tsx';
import { toast } from '../components/Toast.tsx';
import { useFloor } from '../hooks/use-floor.ts';
import { AppScanOffer } from '../scan/AppScanOffer.tsx';
import { KIND_LABEL, resolvePayload, type ScanOutcome, type ScanRecord } from '../scan/dispatch.ts';
import { recordPath } from '../scan/record-path.ts';
import { revealHashTarget } from '../scan/reveal.ts';
import { KIND_TARGETS, createRxScanLookups } from '../scan/rx-lookups.ts';

type Shown =
  | { type: 'looking' }
  | { type: 'offer'; outcome: Extract<ScanOutcome, { type: 'unbound' }> }
  | { type: 'message'; title: string; text: string; tone: 'error' | 'warning' };

/**
 * A label's URL, `/q/<kind>/<code>` (a phone camera or a scanner opened the app at it): resolved
 * exactly as an in-app scan is, on the tablet's own data, so it works offline. A record opens; a
 * step (`op`) opens its work order at the step; a badge (`person`) signs that person in; an unused
 * label offers to bind it; anything else says why nothing happened. While the tablet is still
 * receiving its data, a code it does not know yet is looked up again as documents arrive.
 */
export function QrScreen({ kind, code }: { kind: string; code: string }) {
  const { client } = useApp();
  const { operators } = useFloor();
  const lookups = useMemo(() => createRxScanLookups(client.db), [client]);
  const [shown, setShown] = useState<Shown>({ type: 'looking' });
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    const payload = payloadOf(kind, code);
    if (payload.type === 'invalid') {
      setShown({
        type: 'message',
        title: 'Not a Printfloor label',
        text: `${payload.reason}.`,
        tone: 'error',
      });
      return;
    }
    // Any collection's change stream will do: it only says "look again".
    const changes = (
      client.db.collections[KIND_TARGETS[payload.kind].collection] as unknown as
        { $: Observable<unknown> } | undefined
    )?.$;
    let done = false;
    const attempt = async () => {
      if (done) return;
      const outcome = await resolvePayload(payload, lookups);
      if (done) return;
      if (outcome.type === 'open') {
        done = true;
        await open(outcome.record);
      } else if (outcome.type === 'unbound') {
        setShown({ type: 'offer', outcome });
      } else if (outcome.type === 'message') {
        setShown({
          type: 'message',
          title: titleOf(outcome.reason),
          text: outcome.message,
          tone: outcome.tone,
        });
      }
    };
    const open = async (record: ScanRecord) => {
      if (record.kind === 'person') {
        const person = (await client.db.people.findOne(record.id).exec())?.toJSON() ?? null;
        if (!person || !person.active) {
          setShown({
            type: 'message',
            title: 'Badge switched off',
            text: `The badge ${record.code} belongs to ${person?.displayName ?? 'someone'} who is not active. Ask your lead to switch the badge on (More → People), or sign in with your PIN.`,
            tone: 'warning',
          });
          return;
        }
        operators.signIn(person.id, 'badge');
        toast(`${person.displayName} signed in`);
        navigate('/', { replace: true });
        return;
      }
      const path = recordPath(record);
      if (!path) {
        setShown({
          type: 'message',
          title: 'Cannot open it here',
          text: `The ${KIND_LABEL[record.kind]} ${record.code} is on this tablet, but its work order is not (yet).`,
          tone: 'warning',
        });
        return;
      }
      navigate(path, { replace: true });
      revealHashTarget();
    };
    // First try now; then again whenever the collection changes (a sync bringing the record).
    const sub = merge(of(null), changes ? changes.pipe(debounceTime(150)) : of(null)).subscribe(
      () => void attempt(),
    );
    return () => {
      done = true;
      sub.unsubscribe();
    };
  }, [client, lookups, operators, kind, code]);

  if (shown.type === 'offer' && !dismissed) {
    return (
      <>
        <Looking code={code} />
        <AppScanOffer
          offer={shown.outcome}
          onDone={() => {
            setDismissed(true);
          }}
        />
      </>
    );
  }
  if (shown.type === 'looking') return <Looking code={code} />;
  const text =
    shown.type === 'offer'
      ? `Label ${code} is not used yet. Scan it again to bind it, or open the record it belongs on.`
      : shown.text;
  const title = shown.type === 'offer' ? 'Label not used yet' : shown.title;
  return (
    <div className="page" data-testid="qr-screen">
      <div className="card hero" role="alert" data-testid="qr-message">
        <h1>{title}</h1>
        <p>{text}</p>
        <p className="muted">Nothing was changed.</p>
        <div className="pf-qr-actions">
          <Link className="btn btn-primary btn-big" href="/scan">
            Scan another label
          </Link>
          <Link className="btn btn-big" href="/">
            Home
          </Link>
        </div>
      </div>
    </div>
  );
}

function Looking({ code }: { code: string }) {
  return (
    <p className="page empty" data-testid="qr-looking">
      Opening {code}…
    </p>
  );
}

/** The route's params as the codec would have decoded the URL (kind case-insensitive, code checked). */
function payloadOf(rawKind: string, code: string): Extract<QrPayload, { type: 'record' | 'invalid' }> {
  const kind = rawKind.toLowerCase();
  if (!isQrKind(kind))
    return { type: 'invalid', reason: `labels of kind “${rawKind}” are not Printfloor labels` };
  if (!isValidQrCode(code))
    return { type: 'invalid', reason: 'the code in the link is empty, too long or has control characters' };
  return { type: 'record', kind, code };
}

function titleOf(reason: Extract<ScanOutcome, { type: 'message' }>['reason']): string {
  switch (reason) {
    case 'deleted':
      return 'Deleted';
    case 'not-found':
      return 'Not on this tablet';
    case 'invalid':
      return 'Not a Printfloor label';
    case 'wrong-kind':
    case 'unknown-spoolman':
      return 'Unknown label';
    case 'lookup-failed':
      return 'Could not look it up';
  }
}
