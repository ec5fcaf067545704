import type { StepEvent } from '@printfloor/shared';
import {
  downtimeByReason,
  firstPassYield,
  pareto,
  scrapByPrinter,
  scrapByReason,
  utilisation,
  type ParetoRow,
  type Window,
} from './aggregates/quality.ts';
import type { QualityReport } from './server-reports.ts';

/** What the Quality page draws, whichever side computed it. */
export interface QualityFigures {
  scrapReason: ParetoRow[];
  scrapPrinter: ParetoRow[];
  fpy: { good: number; scrap: number; yield: number | null };
  down: ParetoRow[];
  /** Utilisation 0–1 per printer id, busiest first; printers that never ran are absent. */
  util: { id: string; u: number }[];
  /** Printer codes the server knows (deleted printers too), by id. */
  printerCodes: Record<string, string>;
}

/** From the live local step events (the fallback): the page's computation before issue 6. */
export function localQualityFigures(events: readonly StepEvent[], w: Window, now: number): QualityFigures {
  return {
    scrapReason: pareto(scrapByReason(events, w)),
    scrapPrinter: pareto(scrapByPrinter(events, w)),
    fpy: firstPassYield(events, w),
    down: pareto(downtimeByReason(events, now, w)),
    util: [...utilisation(events, w, now)]
      .filter(([, u]) => u > 0)
      .map(([id, u]) => ({ id, u }))
      .sort((a, b) => b.u - a.u || a.id.localeCompare(b.id)),
    printerCodes: {},
  };
}

export function serverQualityFigures(r: QualityReport): QualityFigures {
  return {
    scrapReason: r.scrapByReason,
    scrapPrinter: r.scrapByPrinter,
    fpy: r.firstPassYield,
    down: r.downtimeByReason,
    util: r.utilisation.map((x) => ({ id: x.printer, u: x.utilisation })),
    printerCodes: r.printers,
  };
}
