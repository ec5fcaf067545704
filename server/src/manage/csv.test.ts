import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvCell, csvLine, parseCsv } from './csv.ts';

describe('csv', () => {
  it('guards cells a spreadsheet would run as formulas, not plain numbers', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell('a = b')).toBe('a = b');
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(false)).toBe('false');
  });

  it('parses quotes, separators and line breaks inside fields, BOM, LF/CRLF, semicolons', () => {
    const p = parseCsv('\uFEFFa;b;c\r\n1;"x;y";"line\nbreak"\n\n 2 ;"say ""hi""";\n');
    expect(p.header).toEqual(['a', 'b', 'c']);
    expect(p.rows).toEqual([
      ['1', 'x;y', 'line\nbreak'],
      ['2', 'say "hi"', ''],
    ]);
    expect(p.lines).toEqual([2, 5]);
  });

  it('throws on an unterminated quote, naming its line', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,"open\n2,3\n');
    } catch (err) {
      expect((err as CsvSyntaxError).line).toBe(2);
    }
  });

  it('reads back whatever it writes (text without the guarded first characters)', () => {
    const cell = fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s) && s.trim() === s);
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const text = csvLine(['h1', 'h2']) + rows.map((r) => csvLine(r)).join('');
          const nonBlank = rows.filter((r) => !(r[0] === '' && r[1] === ''));
          expect(parseCsv(text).rows.filter((r) => r.some((c) => c !== ''))).toEqual(
            nonBlank.map((r) => r.map((c) => c)),
          );
        },
      ),
    );
  });
});
