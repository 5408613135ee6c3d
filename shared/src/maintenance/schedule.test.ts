// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, utcDay } from './days.ts';
import { dueWorkOrders, nextDueDates, type Schedule, ScheduleInput } from './schedule.ts';
import { scheduleWorkOrderId } from './work-order.ts';

const daily = (every: number, start: string) => ({ recurrence: { unit: 'days' as const, every }, start });
const weekly = (every: number, weekday: number, start: string) => ({
  recurrence: { unit: 'weeks' as const, every, weekday },
  start,
});

function schedule(over: Partial<Schedule> = {}): Schedule {
  return {
    id: 'sch-1',
    asset: 'PUMP-1',
    title: 'Grease bearings',
    recurrence: { unit: 'days', every: 7 },
    start: '2026-03-02',
    parts: [{ sku: 'GREASE', quantity: 1 }],
    reserveDaysAhead: 7,
    priority: 'medium',
    active: true,
    createdAt: '2026-03-01T08:00:00.000Z',
    createdBy: 'mia',
    ...over,
  };
}

describe('days', () => {
  it('are UTC calendar days, with ISO weekdays', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(isoWeekday('2026-03-02')).toBe(1); // a Monday
    expect(isoWeekday('2026-03-08')).toBe(7); // a Sunday
    expect(isoWeekday('1969-12-31')).toBe(3); // before 1970 too
    expect(utcDay('2026-03-01T23:30:00-05:00')).toBe('2026-03-02');
  });
});

describe('nextDueDates', () => {
  it('every N days crosses month ends on the right day', () => {
    expect(nextDueDates(daily(30, '2026-01-31'), '2026-01-01', '2026-04-30')).toEqual([
      '2026-01-31',
      '2026-03-02',
      '2026-04-01',
    ]);
    expect(nextDueDates(daily(1, '2026-04-29'), '2026-04-29', '2026-05-02')).toEqual([
      '2026-04-29',
      '2026-04-30',
      '2026-05-01',
      '2026-05-02',
    ]);
  });

  it('counts Feb 29 in leap years only (2028, 2000; not 2027, 2100)', () => {
    expect(nextDueDates(daily(1, '2028-02-27'), '2028-02-27', '2028-03-01')).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(nextDueDates(daily(1, '2027-02-27'), '2027-02-27', '2027-03-01')).toEqual([
      '2027-02-27',
      '2027-02-28',
      '2027-03-01',
    ]);
    expect(nextDueDates(daily(2, '2100-02-27'), '2100-02-27', '2100-03-04')).toEqual([
      '2100-02-27',
      '2100-03-01',
      '2100-03-03',
    ]);
    expect(nextDueDates(daily(365, '2000-02-29'), '2000-01-01', '2001-12-31')).toEqual([
      '2000-02-29',
      '2001-02-28', // 2000 was a leap year: 365 days on is Feb 28
    ]);
  });

  it('crosses the year end', () => {
    expect(nextDueDates(daily(7, '2026-12-21'), '2026-12-20', '2027-01-12')).toEqual([
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
      '2027-01-11',
    ]);
  });

  it('starts from the first occurrence on or after `from`, not from the start', () => {
    expect(nextDueDates(daily(3, '2026-01-01'), '2026-01-05', '2026-01-12')).toEqual([
      '2026-01-07',
      '2026-01-10',
    ]);
    expect(nextDueDates(daily(3, '2026-01-01'), '2026-01-07', '2026-01-07')).toEqual(['2026-01-07']);
    expect(nextDueDates(daily(3, '2026-01-01'), '2026-01-08', '2026-01-09')).toEqual([]);
    expect(nextDueDates(daily(3, '2026-01-10'), '2026-01-01', '2026-01-09')).toEqual([]); // before its start
    expect(nextDueDates(daily(1, '2026-01-01'), '2026-02-01', '2026-01-01')).toEqual([]); // until < from
    expect(nextDueDates(daily(1, '2026-01-01'), '2026-01-01', '2030-01-01', 5)).toHaveLength(5);
  });

  it('every N weeks on a weekday: the first such weekday on or after the start, then every N weeks', () => {
    // 2026-12-01 is a Tuesday: the first Monday is 12-07.
    expect(nextDueDates(weekly(2, 1, '2026-12-01'), '2026-11-01', '2027-01-31')).toEqual([
      '2026-12-07',
      '2026-12-21',
      '2027-01-04',
      '2027-01-18',
    ]);
    // Sunday is 7; the start day itself counts when it is that weekday.
    expect(nextDueDates(weekly(1, 7, '2026-03-08'), '2026-03-01', '2026-03-22')).toEqual([
      '2026-03-08',
      '2026-03-15',
      '2026-03-22',
    ]);
    expect(nextDueDates(weekly(1, 2, '2026-12-01'), '2026-12-01', '2026-12-08')).toEqual([
      '2026-12-01',
      '2026-12-08',
    ]);
    // Every 4 weeks on a Thursday across Feb 29 2028.
    const dates = nextDueDates(weekly(4, 4, '2028-02-01'), '2028-01-01', '2028-04-30');
    expect(dates).toEqual(['2028-02-03', '2028-03-02', '2028-03-30', '2028-04-27']);
    for (const d of dates) expect(isoWeekday(d)).toBe(4);
  });

  it('takes instants as their UTC day', () => {
    expect(
      nextDueDates(daily(1, '2026-03-01'), new Date('2026-03-01T23:00:00.000Z'), '2026-03-02T01:00:00Z'),
    ).toEqual(['2026-03-01', '2026-03-02']);
  });

  describe('in another time zone', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('a schedule created at 23:30 in UTC−5 lands on the UTC day it was created in, whatever the device zone', () => {
      const compute = () => {
        const created = new Date('2026-02-28T23:30:00-05:00'); // 04:30 UTC on 1 March
        const s = schedule({ start: utcDay(created), createdAt: created.toISOString() });
        return {
          start: s.start,
          dates: nextDueDates(s, created, addDays(s.start, 14)),
          due: dueWorkOrders(s, created).map((d) => d.due),
        };
      };
      process.env.TZ = 'America/New_York';
      // The device's own calendar still says 28 February…
      expect(new Date('2026-02-28T23:30:00-05:00').getDate()).toBe(28);
      const inNewYork = compute();
      process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
      const inKiritimati = compute();
      process.env.TZ = 'UTC';
      const inUtc = compute();
      // …but the schedule is about UTC days: 1 March, every 7 days.
      expect(inNewYork).toEqual({
        start: '2026-03-01',
        dates: ['2026-03-01', '2026-03-08', '2026-03-15'],
        due: ['2026-03-01', '2026-03-08'],
      });
      expect(inKiritimati).toEqual(inNewYork);
      expect(inUtc).toEqual(inNewYork);
    });
  });
});

describe('dueWorkOrders', () => {
  it('what must exist now: due within reserveDaysAhead, with ids derived from schedule and day', () => {
    const s = schedule(); // every 7 days from Monday 2026-03-02, 7 days ahead
    const due = dueWorkOrders(s, '2026-03-02');
    expect(due).toEqual([
      {
        id: scheduleWorkOrderId('sch-1', '2026-03-02'),
        year: 2026,
        schedule: 'sch-1',
        asset: 'PUMP-1',
        title: 'Grease bearings',
        priority: 'medium',
        due: '2026-03-02',
        parts: [{ sku: 'GREASE', quantity: 1 }],
      },
      expect.objectContaining({ due: '2026-03-09', id: scheduleWorkOrderId('sch-1', '2026-03-09') }),
    ]);
    expect(dueWorkOrders(s, '2026-03-02')).toEqual(due); // same ids every time
    expect(dueWorkOrders(s, '2026-03-01').map((d) => d.due)).toEqual(['2026-03-02']); // 03-09 is 8 days off
    expect(dueWorkOrders({ ...s, reserveDaysAhead: 0 }, '2026-03-01')).toEqual([]);
    expect(dueWorkOrders({ ...s, reserveDaysAhead: 0 }, '2026-03-02').map((d) => d.due)).toEqual([
      '2026-03-02',
    ]);
    expect(dueWorkOrders({ ...s, active: false }, '2026-03-01')).toEqual([]);
  });

  it('catches up the latest missed occurrence only, never one from before the schedule existed', () => {
    const s = schedule({ reserveDaysAhead: 3 });
    // The server was down from 03-01 to 03-20: 03-02, 03-09 and 03-16 were missed.
    expect(dueWorkOrders(s, '2026-03-20').map((d) => d.due)).toEqual(['2026-03-16', '2026-03-23']);
    // A schedule started in January but created on 03-20 does not produce work for the past.
    const late = schedule({
      start: '2026-01-05',
      createdAt: '2026-03-20T09:00:00.000Z',
      reserveDaysAhead: 3,
    });
    expect(dueWorkOrders(late, '2026-03-20').map((d) => d.due)).toEqual(['2026-03-23']);
  });

  it('an occurrence due next year belongs in next year’s room', () => {
    const s = schedule({ start: '2026-12-07', createdAt: '2026-12-01T00:00:00.000Z' });
    expect(dueWorkOrders(s, '2026-12-29').map((d) => [d.due, d.year])).toEqual([
      ['2026-12-28', 2026],
      ['2027-01-04', 2027],
    ]);
  });
});

describe('schedule input', () => {
  it('says in plain words what is wrong', () => {
    const r = ScheduleInput.safeParse({
      asset: 'PUMP-1',
      title: ' ',
      recurrence: { unit: 'weeks', every: 0, weekday: 8 },
      start: '2027-02-29',
      parts: [
        { sku: 'GREASE', quantity: 1 },
        { sku: 'GREASE', quantity: 2 },
      ],
    });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toMatchObject({
      title: 'is required',
      'recurrence.every': 'must be at least 1',
      'recurrence.weekday': 'must be a weekday from 1 (Monday) to 7 (Sunday)',
      start: 'must be a date (YYYY-MM-DD)',
    });
    const dup = ScheduleInput.safeParse({
      asset: 'PUMP-1',
      title: 'x',
      recurrence: { unit: 'days', every: 1 },
      start: '2028-02-29',
      parts: [
        { sku: 'GREASE', quantity: 1 },
        { sku: 'GREASE', quantity: 2 },
      ],
    });
    expect(dup.error?.issues.map((i) => i.message)).toEqual(['GREASE is listed twice']);
    expect(
      ScheduleInput.parse({
        asset: 'P',
        title: 'x',
        recurrence: { unit: 'days', every: 1 },
        start: '2026-01-01',
      }),
    ).toMatchObject({ reserveDaysAhead: 7, parts: [], active: true, priority: 'medium' });
  });
});
