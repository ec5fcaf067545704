import { useMemo, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { useQuery } from '../hooks/use-query.ts';
import './routing-editor.css';

/**
 * /manage/parts: the shop's parts with their routing template at a glance (stored steps, or none:
 * new work orders then copy the last order's routing), a link to edit it and one to plan an order.
 */
export function PartsScreen() {
  const parts = useQuery('parts', {});
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return [...parts.docs]
      .filter(
        (p) => !f || `${p.code} ${p.description} ${p.drawingNumber} ${p.material}`.toLowerCase().includes(f),
      )
      .sort((a, b) => a.code.localeCompare(b.code));
  }, [parts.docs, filter]);
  if (parts.loading) return <p className="muted">Loading…</p>;
  return (
    <div className="manage-page" data-testid="parts-screen">
      <div className="manage-head">
        <h1>Parts</h1>
        <span className="muted">{parts.docs.length} parts</span>
        <span className="spacer" />
        <label className="field parts-filter">
          <span className="sr-only">Find a part</span>
          <input
            type="search"
            placeholder="Find a part"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
      </div>
      <div className="card">
        {shown.length === 0 ? (
          <p className="empty">
            {parts.docs.length === 0 ? 'No parts yet: import them on the Import page.' : 'No part matches.'}
          </p>
        ) : (
          <table className="mtable parts-table">
            <thead>
              <tr>
                <th>Code</th>
                <th>Description</th>
                <th>Rev</th>
                <th>Material</th>
                <th className="num">Print min</th>
                <th>Routing template</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id} data-testid="part-row" data-code={p.code}>
                  <td>{p.code}</td>
                  <td>{p.description}</td>
                  <td>{p.revision}</td>
                  <td>{p.material}</td>
                  <td className="num">{p.printMinutes}</td>
                  <td data-testid="part-template">
                    {p.routing.length > 0 ? (
                      `${p.routing.length} step${p.routing.length === 1 ? '' : 's'}: ${p.routing.map((s) => s.name).join(' → ')}`
                    ) : (
                      <span className="muted">none (from past orders)</span>
                    )}
                  </td>
                  <td>
                    <div className="part-actions">
                      <Link
                        className="btn"
                        href={`/manage/parts/${encodeURIComponent(p.id)}/routing`}
                        aria-label={`Routing template of ${p.code}`}
                      >
                        Routing template
                      </Link>
                      <Link
                        className="btn"
                        href={`/manage/plan?part=${encodeURIComponent(p.id)}`}
                        aria-label={`New work order for ${p.code}`}
                      >
                        New work order
                      </Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
