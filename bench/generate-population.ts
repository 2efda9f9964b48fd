// A synthetic population register for benchmarks: N residents in households
// across the villages of one district, in the formats.md CSV layout, with a
// share of the defects real registers have. Deterministic for a given seed.
// (Synthetic data only: names are drawn from short lists, NIKs are invented.)

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const GIVEN = [
  'Siti',
  'Budi',
  'Ahmad',
  'Nur',
  'Dewi',
  'Agus',
  'Sri',
  'Rina',
  'Joko',
  'Yanti',
  'Muhammad',
  'Putri',
  'Eko',
  'Wati',
  'Hendra',
  'Fitri',
  'Andi',
  'Ratna',
  'Rudi',
  'Lestari',
];
const FAMILY = [
  'Santoso',
  'Aminah',
  'Hidayat',
  'Lubis',
  'Siregar',
  'Nasution',
  'Saputra',
  'Rahmawati',
  'Wijaya',
  'Harahap',
  'Kurniawan',
  'Susanti',
  'Pratama',
  'Setiawan',
  'Hasibuan',
];

/** mulberry32: a tiny seeded PRNG, so that every run writes the same file. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export async function generatePopulationCsv(
  path: string,
  opts: { rows: number; villages: readonly string[]; seed?: number },
): Promise<void> {
  const random = rng(opts.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const out = createWriteStream(path);
  out.write(
    'id;nik;no_kk;nama;tanggal_lahir;jenis_kelamin;kode_desa;alamat;rt;rw;pekerjaan;desil;hamil;stunting\n',
  );
  let written = 0;
  let household = 0;
  let chunk: string[] = [];
  while (written < opts.rows) {
    household++;
    const desa = pick(opts.villages);
    const kec = desa.replaceAll('.', '').slice(0, 6);
    const kk = `${kec}${pad(household % 1_000_000, 6)}${pad(household % 10_000, 4)}`;
    const size = 1 + Math.floor(random() * 5);
    const family = pick(FAMILY);
    const rt = pad(1 + Math.floor(random() * 12), 3);
    for (let m = 0; m < size && written < opts.rows; m++) {
      written++;
      const female = random() < 0.5;
      const year = 1940 + Math.floor(random() * 85);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      let nik = `${kec}${pad(female ? day + 40 : day, 2)}${pad(month, 2)}${pad(year % 100, 2)}${pad(written % 10_000, 4)}`;
      const roll = random();
      if (roll < 0.02)
        nik = ''; // missing
      else if (roll < 0.03)
        nik = `0${nik.slice(1)}`; // temporary
      else if (roll < 0.035) nik = nik.slice(0, 15); // mistyped
      const date =
        roll > 0.99
          ? ''
          : random() < 0.5
            ? `${year}-${pad(month, 2)}-${pad(day, 2)}`
            : `${pad(day, 2)}-${pad(month, 2)}-${year}`;
      chunk.push(
        [
          written,
          nik,
          kk,
          `${pick(GIVEN)} ${family}`,
          date,
          female ? 'P' : 'L',
          desa,
          `Dusun ${1 + Math.floor(random() * 4)}`,
          rt,
          pad(1 + Math.floor(random() * 4), 3),
          pick([
            'Petani/Pekebun',
            'Wiraswasta',
            'Mengurus Rumah Tangga',
            'Pelajar/Mahasiswa',
            'Buruh Harian Lepas',
          ]),
          random() < 0.6 ? 1 + Math.floor(random() * 10) : '',
          female && random() < 0.03 ? 'ya' : '',
          random() < 0.02 ? '1' : '',
        ].join(';'),
      );
    }
    if (chunk.length >= 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}
