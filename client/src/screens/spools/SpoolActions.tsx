import { useState, type FormEvent } from 'react';
import type { Spool } from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { toast } from '../../components/Toast.tsx';
import { consume, weighIn } from '../../data/spool-commands.ts';
import { formatGrams } from '../../format.ts';
import { savedMessage } from '../saved-message.ts';

const num = (s: string) => Number(s.trim().replace(',', '.'));

/** Record filament used, or a scale reading, straight into the ledger. */
export function SpoolActions({ spool }: { spool: Spool }) {
  const { client } = useApp();
  const [used, setUsed] = useState('');
  const [gross, setGross] = useState('');
  const [error, setError] = useState<string | null>(null);
  const grossN = num(gross);

  const onConsume = async (e: FormEvent) => {
    e.preventDefault();
    const g = num(used);
    if (!(g > 0)) return setError('Enter the grams used (more than 0).');
    await consume(client.writer, spool.id, g);
    setUsed('');
    setError(null);
    toast(savedMessage());
  };

  const onWeigh = async (e: FormEvent) => {
    e.preventDefault();
    if (!(grossN > 0)) return setError('Enter the weight the scale shows, spool included.');
    await weighIn(client.writer, spool, grossN);
    setGross('');
    setError(null);
    toast(savedMessage());
  };

  return (
    <div className="form-grid">
      <form className="card" onSubmit={(e) => void onConsume(e)} data-testid="consume-form">
        <label className="field">
          Filament used (g)
          <input
            inputMode="decimal"
            value={used}
            onChange={(e) => setUsed(e.target.value)}
            placeholder="e.g. 42"
          />
        </label>
        <button className="btn btn-primary" type="submit" style={{ marginTop: 10, width: '100%' }}>
          Record use
        </button>
      </form>
      <form className="card" onSubmit={(e) => void onWeigh(e)} data-testid="weigh-form">
        <label className="field">
          Scale reading, spool included (g)
          <input
            inputMode="decimal"
            value={gross}
            onChange={(e) => setGross(e.target.value)}
            placeholder="e.g. 812"
          />
        </label>
        <p className="muted" style={{ margin: '6px 0' }}>
          {grossN > 0
            ? `Remaining = ${formatGrams(grossN)} − ${formatGrams(spool.tareWeightG)} empty spool = ${formatGrams(grossN - spool.tareWeightG)}`
            : `Empty spool weighs ${formatGrams(spool.tareWeightG)}`}
        </p>
        <button className="btn btn-primary" type="submit" style={{ width: '100%' }}>
          Record weigh-in
        </button>
      </form>
      {error ? (
        <p className="field-error wide" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
