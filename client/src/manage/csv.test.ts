import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCell, toCsv } from './csv.ts';

/** A minimal RFC 4180 reader, to check that what we write reads back. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (q) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') q = false;
      else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') endCell();
    else if (ch === '\r' && csv[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('csv', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell(null)).toBe('');
    expect(
      toCsv(
        [{ a: 1, b: 'x\ny' }],
        [
          { header: 'A', value: (r) => r.a },
          { header: 'B', value: (r) => r.b },
        ],
      ),
    ).toBe('A,B\r\n1,"x\ny"\r\n');
  });

  it('round-trips any text that does not start like a formula', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s)),
            { minLength: 2, maxLength: 2 },
          ),
        ),
        (rows) => {
          const csv = toCsv(rows, [
            { header: 'x', value: (r) => r[0] },
            { header: 'y', value: (r) => r[1] },
          ]);
          expect(parse(csv)).toEqual([['x', 'y'], ...rows]);
        },
      ),
    );
  });
});
