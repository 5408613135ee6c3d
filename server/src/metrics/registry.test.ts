import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, Registry } from './registry.ts';

describe('Prometheus registry', () => {
  it('renders counters with labels, gauges and histograms in the text format', () => {
    const r = new Registry();
    const c = r.add(new Counter('app_errors_total', 'Errors by kind'));
    c.inc({ kind: 'bad_message' });
    c.inc({ kind: 'bad_message' });
    c.inc({ kind: 'say "hi"\n' }, 3);
    let open = 7;
    r.add(new Gauge('app_open', 'Open things', () => open));
    const h = r.add(new Histogram('app_seconds', 'Durations', [0.01, 0.1]));
    h.observe(0.005);
    h.observe(0.05);
    h.observe(5);
    open = 8;
    expect(r.render()).toBe(
      [
        '# HELP app_errors_total Errors by kind',
        '# TYPE app_errors_total counter',
        'app_errors_total{kind="bad_message"} 2',
        'app_errors_total{kind="say \\"hi\\"\\n"} 3',
        '# HELP app_open Open things',
        '# TYPE app_open gauge',
        'app_open 8',
        '# HELP app_seconds Durations',
        '# TYPE app_seconds histogram',
        'app_seconds_bucket{le="0.01"} 1',
        'app_seconds_bucket{le="0.1"} 2',
        'app_seconds_bucket{le="+Inf"} 3',
        'app_seconds_sum 5.055',
        'app_seconds_count 3',
        '',
      ].join('\n'),
    );
  });

  it('a counter never incremented still shows 0; duplicate names are refused', () => {
    const r = new Registry();
    r.add(new Counter('x_total', 'X'));
    expect(r.render()).toContain('\nx_total 0\n');
    expect(() => r.add(new Counter('x_total', 'again'))).toThrow(/duplicate/);
  });

  it('label order does not make a new series', () => {
    const c = new Counter('c_total', 'C');
    c.inc({ a: '1', b: '2' });
    c.inc({ b: '2', a: '1' });
    expect(c.get({ a: '1', b: '2' })).toBe(2);
  });
});
