import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { siteSubscriptions, TopicRouter } from './topic-router.ts';
import type { PrinterConfig } from './relay.types.ts';

const t = '00000000-0000-4000-8000-000000000001';
const configs: PrinterConfig[] = [
  { tenantId: t, code: 'PR-OP1', protocol: 'octoprint' },
  { tenantId: t, code: 'PR-OP2', protocol: 'octoprint', baseTopic: 'farm/op2/' },
  { tenantId: t, code: 'PR-MR1', protocol: 'moonraker', baseTopic: 'voron' },
  { tenantId: t, code: 'PR-BB1', protocol: 'bambu', serial: '01P00A000000001' },
  {
    tenantId: t,
    code: 'PR-BB2',
    protocol: 'bambu',
    serial: '01P00A000000002',
    host: '10.0.0.9',
    accessCode: 'x',
  },
  { tenantId: t, code: 'PR-NAT', protocol: 'printfloor' },
  { tenantId: t, code: 'PR-OP3', protocol: 'octoprint' }, // same default base as PR-OP1
];

describe('TopicRouter', () => {
  const router = new TopicRouter(configs, 'pf/v1');

  it('routes every protocol to its printer with the topic below the base', () => {
    expect(router.route('octoPrint/event/PrintDone')).toEqual({
      code: 'PR-OP1',
      subtopic: 'event/PrintDone',
    });
    expect(router.route('farm/op2/temperature/tool0')).toEqual({
      code: 'PR-OP2',
      subtopic: 'temperature/tool0',
    });
    expect(router.route('voron/klipper/status')).toEqual({ code: 'PR-MR1', subtopic: 'klipper/status' });
    expect(router.route('device/01P00A000000001/report')).toEqual({ code: 'PR-BB1', subtopic: 'report' });
    expect(router.route('pf/v1/printers/PR-NAT/status')).toEqual({ code: 'PR-NAT', subtopic: 'status' });
  });

  it('routes nothing it was not configured for', () => {
    expect(router.route('device/01P00A000000002/report')).toBeNull(); // direct TLS printer
    expect(router.route('pf/v1/printers/PR-OP1/status')).toBeNull(); // not a native printer
    expect(router.route('pf/v1/printers/a/b/status')).toBeNull();
    expect(router.route('octoPrint')).toBeNull();
    expect(router.route('')).toBeNull();
  });

  it('reports a base claimed twice', () => {
    expect(router.conflicts).toEqual(['PR-OP3: topic base "octoPrint" is already used by PR-OP1']);
  });

  it('never throws on any topic', () => {
    fc.assert(fc.property(fc.string(), (topic) => void router.route(topic)));
  });

  it('subscribes to what it routes', () => {
    expect(siteSubscriptions(configs, 'pf/v1')).toEqual([
      'device/01P00A000000001/report',
      'farm/op2/#',
      'octoPrint/#',
      'pf/v1/printers/+/status',
      'voron/klipper/#',
      'voron/moonraker/api/response',
      'voron/moonraker/status',
    ]);
  });
});
