import { useEffect, useState } from 'react';
import { useApp } from '../app/client-context.ts';
import { navigate } from '../app/router.ts';
import { Link } from '../components/Link.tsx';

const TARGET: Record<string, { collection: 'spools' | 'work_orders' | 'printers' | 'parts'; path: string }> =
  {
    spool: { collection: 'spools', path: '/spools' },
    wo: { collection: 'work_orders', path: '/work-orders' },
    printer: { collection: 'printers', path: '/printers' },
    part: { collection: 'parts', path: '/parts' },
  };

/** A label's URL (`/q/<kind>/<code>`) opens the record it names (issue 4 adds the scanner flows). */
export function QrScreen({ kind, code }: { kind: string; code: string }) {
  const { client } = useApp();
  const [missing, setMissing] = useState(false);
  const target = TARGET[kind];
  useEffect(() => {
    if (!target) return;
    const coll = client.db.collections[target.collection];
    void coll
      .findOne({ selector: { code } })
      .exec()
      .then((doc) => {
        if (doc) navigate(`${target.path}/${encodeURIComponent(doc.primary)}`, { replace: true });
        else setMissing(true);
      });
  }, [client, target, code]);
  if (!target || missing) {
    return (
      <div className="page">
        <h1>Unknown label</h1>
        <p>
          {target
            ? `No ${kind} with code ${code} on this tablet (it may not have synced yet).`
            : `Labels of kind “${kind}” are not supported.`}
        </p>
        <Link className="btn" href="/">
          Home
        </Link>
      </div>
    );
  }
  return <p className="page empty">Opening {code}…</p>;
}
