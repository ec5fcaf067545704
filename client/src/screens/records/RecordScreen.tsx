import { COLLECTIONS } from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { navigate, useSearch } from '../../app/router.ts';
import { EditForm } from '../../components/EditForm.tsx';
import { Link } from '../../components/Link.tsx';
import { toast } from '../../components/Toast.tsx';
import { useDoc, useQuery } from '../../hooks/use-query.ts';
import type { RecordSpec } from './record-specs.ts';
import { savedMessage } from '../saved-message.ts';

type Doc = Record<string, unknown>;

/**
 * Shows and edits one record; `id === 'new'` creates one, with `?code=` (a scanned, unbound label)
 * in the spec's label field. Saves locally at once.
 */
export function RecordScreen({ spec, id }: { spec: RecordSpec; id: string }) {
  const { client } = useApp();
  const isNew = id === 'new';
  const search = useSearch();
  const labelCode = isNew && spec.labelField ? (new URLSearchParams(search).get('code') ?? '') : '';
  const doc = useDoc(spec.name, isNew ? '' : id) as Doc | null | undefined;
  const { docs: centers } = useQuery('work_centers', spec.name === 'printers' ? {} : null);
  const { docs: all } = useQuery(spec.name, isNew ? {} : null);
  const wc = centers.map((c) => ({ value: c.id, label: `${c.code} · ${c.name}` }));
  const value = isNew
    ? {
        ...spec.blank(all.length + 1),
        ...(labelCode && spec.labelField ? { [spec.labelField]: labelCode } : {}),
      }
    : doc;

  const save = async (patch: Doc) => {
    if (isNew) {
      const created = await client.writer.insert(spec.name, { ...value, ...patch });
      navigate(`${spec.basePath}/${encodeURIComponent(created.id)}`, { replace: true });
    } else {
      await client.writer.patch(spec.name, id, patch);
    }
    toast(savedMessage());
  };

  return (
    <div className="page">
      <div className="page-head">
        <Link className="btn" href={spec.basePath}>
          ← {spec.title}
        </Link>
        <h1>{isNew ? `New ${spec.singular}` : value ? spec.primary(value) || '(unnamed)' : ''}</h1>
      </div>
      {labelCode ? (
        <p className="notice" data-testid="bind-new-note">
          The scanned label {labelCode} goes on this new {spec.singular}.
        </p>
      ) : null}
      {value === undefined ? <p className="empty">Loading…</p> : null}
      {value === null ? (
        <p className="empty">
          This {spec.singular} is not on this tablet (yet). It appears here once it has synced.
        </p>
      ) : null}
      {value ? (
        <div className="card">
          <EditForm
            key={isNew ? `new${search}` : id}
            fields={spec.fields(wc)}
            value={value}
            schema={COLLECTIONS[spec.name].schema}
            onSave={save}
            saveLabel={isNew ? `Create ${spec.singular}` : 'Save'}
          />
        </div>
      ) : null}
    </div>
  );
}
