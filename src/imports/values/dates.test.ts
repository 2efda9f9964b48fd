// Tests for the birth-date parser: every accepted spelling, Excel's serial
// numbers (with the 1900 leap-year bug), and the plausibility window.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anything } from './arbitraries.testing.ts';
import { formatIsoDate, parseBirthDate } from './dates.ts';

const AS_OF = new Date('2025-06-30T12:00:00Z');
const ok = (date: string) => ({ date, flag: null });
const MISSING = { date: null, flag: 'BIRTHDATE_MISSING' };
const INVALID = { date: null, flag: 'BIRTHDATE_INVALID' };
const IMPOSSIBLE = { date: null, flag: 'BIRTHDATE_IMPOSSIBLE' };

describe('formatIsoDate', () => {
  it('zero-pads every part', () => {
    expect(formatIsoDate(1990, 5, 1)).toBe('1990-05-01');
    expect(formatIsoDate(2024, 12, 31)).toBe('2024-12-31');
    expect(formatIsoDate(900, 1, 2)).toBe('0900-01-02');
  });
});

describe('parseBirthDate', () => {
  it('accepts each documented text format', () => {
    const cases: Record<string, string> = {
      '1980-01-02': '1980-01-02',
      '02-01-1980': '1980-01-02',
      '02/01/1980': '1980-01-02',
      '1980/01/02': '1980-01-02',
      '02.01.1980': '1980-01-02',
      '19800102': '1980-01-02',
      '1980-01-02 00:00:00': '1980-01-02',
      '1980-01-02T00:00:00Z': '1980-01-02',
      '1980-01-02T00:00:00.000+07:00': '1980-01-02',
      '02/01/1980 12:00 AM': '1980-01-02',
      '2/1/1980': '1980-01-02',
      '1980-1-2': '1980-01-02',
      '25/12/2001': '2001-12-25',
      '  1980-01-02  ': '1980-01-02',
      "'02-01-1980": '1980-01-02',
    };
    for (const [raw, iso] of Object.entries(cases)) {
      expect(parseBirthDate(raw, AS_OF), raw).toEqual(ok(iso));
    }
  });

  it('reads DDMMYYYY only when the digits are no YYYYMMDD date', () => {
    expect(parseBirthDate('15081975', AS_OF)).toEqual(ok('1975-08-15'));
    expect(parseBirthDate('20011231', AS_OF)).toEqual(ok('2001-12-31'));
    expect(parseBirthDate(19750815, AS_OF)).toEqual(ok('1975-08-15'));
    expect(parseBirthDate(19800102, AS_OF)).toEqual(ok('1980-01-02'));
  });

  it('reads Excel serial numbers in the 1900 date system', () => {
    expect(parseBirthDate(1, AS_OF)).toEqual(ok('1900-01-01'));
    expect(parseBirthDate(59, AS_OF)).toEqual(ok('1900-02-28'));
    // Serial 60 is Excel's 29 February 1900, which never happened.
    expect(parseBirthDate(60, AS_OF)).toEqual(INVALID);
    expect(parseBirthDate(61, AS_OF)).toEqual(ok('1900-03-01'));
    expect(parseBirthDate(29221, AS_OF)).toEqual(ok('1980-01-01'));
    expect(parseBirthDate(32994.75, AS_OF)).toEqual(ok('1990-05-01'));
    expect(parseBirthDate('32994', AS_OF)).toEqual(ok('1990-05-01'));
    expect(parseBirthDate(' 32994.5 ', AS_OF)).toEqual(ok('1990-05-01'));
    expect(parseBirthDate(0, AS_OF)).toEqual(INVALID);
    expect(parseBirthDate(-29221, AS_OF)).toEqual(INVALID);
    expect(parseBirthDate(3_000_000, AS_OF)).toEqual(INVALID);
  });

  it('reads a bare year as incomplete, not as a 1905 serial', () => {
    expect(parseBirthDate('1980', AS_OF)).toEqual(INVALID);
    expect(parseBirthDate(1945, AS_OF)).toEqual(INVALID);
    expect(parseBirthDate(2102, AS_OF)).toEqual(ok('1905-10-02'));
  });

  it('uses the UTC calendar day of a Date cell', () => {
    expect(parseBirthDate(new Date(Date.UTC(1990, 4, 1)), AS_OF)).toEqual(ok('1990-05-01'));
    expect(parseBirthDate(new Date('1990-05-01T23:30:00Z'), AS_OF)).toEqual(ok('1990-05-01'));
    expect(parseBirthDate(new Date(Number.NaN), AS_OF)).toEqual(INVALID);
  });

  it('flags empty values and MySQL zero dates as missing', () => {
    for (const raw of [null, undefined, '', '   ', '\t', '0000-00-00', '00-00-0000', '00000000']) {
      expect(parseBirthDate(raw, AS_OF), String(raw)).toEqual(MISSING);
    }
    expect(parseBirthDate('0000-00-00 00:00:00', AS_OF)).toEqual(MISSING);
  });

  it('flags dates that are not on the calendar as invalid', () => {
    for (const raw of [
      '1980-04-31',
      '31/04/1980',
      '1981-02-29',
      '1900-02-29',
      '29/02/2100',
      '1980-13-01',
      '1980-00-10',
      '1980-01-00',
      '1/25/1980',
      '1980-01/02',
      '02-01-80',
      '1980-01-02 junk',
      'kemarin',
      '2 Januari 1980',
      '123456',
      '3.20101E+15',
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      {},
      [],
    ]) {
      expect(parseBirthDate(raw, AS_OF), String(raw)).toEqual(INVALID);
    }
  });

  it('accepts 29 February in leap years', () => {
    expect(parseBirthDate('29/02/2000', AS_OF)).toEqual(ok('2000-02-29'));
    expect(parseBirthDate('1984-02-29', AS_OF)).toEqual(ok('1984-02-29'));
  });

  it('flags future dates and dates before 1880 as impossible', () => {
    expect(parseBirthDate('2025-06-30', AS_OF)).toEqual(ok('2025-06-30'));
    expect(parseBirthDate('2025-07-01', AS_OF)).toEqual(IMPOSSIBLE);
    expect(parseBirthDate(45839, AS_OF)).toEqual(IMPOSSIBLE);
    expect(parseBirthDate(new Date('2030-01-01T00:00:00Z'), AS_OF)).toEqual(IMPOSSIBLE);
    expect(parseBirthDate('1880-01-01', AS_OF)).toEqual(ok('1880-01-01'));
    expect(parseBirthDate('31/12/1879', AS_OF)).toEqual(IMPOSSIBLE);
    expect(parseBirthDate(new Date(Date.UTC(1492, 9, 12)), AS_OF)).toEqual(IMPOSSIBLE);
  });

  it('defaults asOf to today', () => {
    const now = new Date();
    const tomorrowUtc = new Date(now.getTime() + 2 * 86_400_000);
    expect(parseBirthDate(tomorrowUtc)).toEqual(IMPOSSIBLE);
    expect(parseBirthDate('2000-01-01')).toEqual(ok('2000-01-01'));
  });

  it('does not call a baby born today in the future, whatever the server time zone', () => {
    const saved = process.env.TZ;
    try {
      // 00:30 on 30 June in Jakarta is still 29 June in UTC.
      process.env.TZ = 'Asia/Jakarta';
      expect(parseBirthDate('2025-06-30', new Date('2025-06-29T17:30:00Z'))).toEqual(
        ok('2025-06-30'),
      );
      expect(parseBirthDate('2025-07-01', new Date('2025-06-29T17:30:00Z'))).toEqual(IMPOSSIBLE);
      // Midnight UTC is still the evening before in New York.
      process.env.TZ = 'America/New_York';
      expect(parseBirthDate('2025-06-30', new Date('2025-06-30T00:00:00Z'))).toEqual(
        ok('2025-06-30'),
      );
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('parseBirthDate properties', () => {
  const anyInput = fc.oneof(
    anything,
    fc.string(),
    fc.string({ unit: 'binary-ascii' }),
    fc.integer(),
    fc.double(),
    fc.date(),
    fc.stringMatching(/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/),
  );

  it('never throws and returns either a date or a flag', () => {
    fc.assert(
      fc.property(anyInput, fc.option(fc.date(), { nil: undefined }), (raw, asOf) => {
        const result = parseBirthDate(raw, asOf);
        expect((result.date === null) !== (result.flag === null)).toBe(true);
        if (result.date !== null) expect(result.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
    );
  });

  const birthDates = fc.date({
    min: new Date(Date.UTC(1880, 0, 1)),
    max: new Date(Date.UTC(2025, 5, 30, 23, 59, 59)),
    noInvalidDate: true,
  });
  const pad = (n: number) => String(n).padStart(2, '0');

  it('parses every accepted spelling of a valid date back to the same ISO date', () => {
    fc.assert(
      fc.property(birthDates, (at) => {
        const y = at.getUTCFullYear();
        const m = at.getUTCMonth() + 1;
        const d = at.getUTCDate();
        const iso = formatIsoDate(y, m, d);
        const spellings = [
          iso,
          `${pad(d)}-${pad(m)}-${y}`,
          `${pad(d)}/${pad(m)}/${y}`,
          `${y}/${pad(m)}/${pad(d)}`,
          `${pad(d)}.${pad(m)}.${y}`,
          `${y}${pad(m)}${pad(d)}`,
          `${d}/${m}/${y}`,
          `${iso} 00:00:00`,
          `${iso}T00:00:00Z`,
          at.toISOString(),
        ];
        for (const spelling of spellings) {
          expect(parseBirthDate(spelling, AS_OF), spelling).toEqual(ok(iso));
        }
        expect(parseBirthDate(at, AS_OF)).toEqual(ok(iso));
      }),
    );
  });

  it('parses Excel serials back to the date they stand for', () => {
    const afterBareYears = fc.date({
      min: new Date(Date.UTC(1906, 0, 1)),
      max: new Date(Date.UTC(2025, 5, 30)),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(afterBareYears, fc.double({ min: 0, max: 0.999, noNaN: true }), (at, time) => {
        const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
        const serial = Math.round((midnight - Date.UTC(1899, 11, 30)) / 86_400_000);
        const iso = at.toISOString().slice(0, 10);
        expect(parseBirthDate(serial + time, AS_OF)).toEqual(ok(iso));
        expect(parseBirthDate(String(serial), AS_OF)).toEqual(ok(iso));
      }),
    );
  });

  it('flags any date after asOf as impossible', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(2025, 6, 1)),
          max: new Date(Date.UTC(9999, 11, 31)),
          noInvalidDate: true,
        }),
        (at) => {
          expect(parseBirthDate(at.toISOString().slice(0, 10), AS_OF)).toEqual(IMPOSSIBLE);
        },
      ),
    );
  });
});
