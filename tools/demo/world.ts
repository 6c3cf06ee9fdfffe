// The demo's people, schools, holidays and pupils: fixed data and a seeded PRNG, so every
// `npm start` on an empty database shows the same world. Only the cases move with `now`
// (scenarios.ts), so that their deadlines are always somewhere interesting.

/** Reserved top-level domain (RFC 2606): no demo address can ever reach a real mailbox. */
export const DEMO_DOMAIN = 'demo.trygg.test';

export type SchoolKey = 'bjorkly' | 'fjellstad';
export type PersonKind = 'staff' | 'sfo_aks' | 'homework_help' | 'owner_official' | 'operator';
/** A role row; `second_contact` holds none (the owner's second contact is told, not a user role). */
export type DemoRole = 'principal' | 'leader' | 'staff' | 'owner' | 'admin' | 'second_contact';

export interface PersonDef {
  key: string;
  name: string;
  email: string;
  kind: PersonKind;
  role: DemoRole;
  /** Norwegian job title, as the login list shows it. */
  title: string;
  school: SchoolKey | null;
  /** Contact teachers: the grade (trinn) whose pupils they follow. */
  grade?: number;
  /** Ungdomsskole: two classes per grade (A/B). */
  group?: 'A' | 'B';
}

export const OWNER = { name: 'Eikvik kommune', language: 'nb' as const, domain: `eikvik.${DEMO_DOMAIN}` };

export const SCHOOLS: Record<SchoolKey, { name: string; domain: string; grades: readonly number[] }> = {
  bjorkly: { name: 'Bjørkly skole', domain: `bjorkly.${DEMO_DOMAIN}`, grades: [1, 2, 3, 4, 5, 6, 7] },
  fjellstad: { name: 'Fjellstad ungdomsskole', domain: `fjellstad.${DEMO_DOMAIN}`, grades: [8, 9, 10] },
};

const at = (local: string, school: SchoolKey | 'eikvik' | null) =>
  school === null ? `${local}@${DEMO_DOMAIN}` : school === 'eikvik' ? `${local}@${OWNER.domain}` : `${local}@${SCHOOLS[school].domain}`;

const teacher = (key: string, name: string, school: SchoolKey, grade: number, group?: 'A' | 'B'): PersonDef => ({
  key,
  name,
  email: at(
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/ø/g, 'o')
      .replace(/æ/g, 'ae')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z]+/g, '.'),
    school,
  ),
  kind: 'staff',
  role: 'staff',
  title: group ? `kontaktlærer ${grade}${group}` : `kontaktlærer ${grade}. trinn`,
  school,
  grade,
  ...(group ? { group } : {}),
});

export const PEOPLE: readonly PersonDef[] = [
  // Eikvik kommune (skoleeier)
  { key: 'eikvik.kommunalsjef', name: 'Randi Fosse', email: at('kommunalsjef', 'eikvik'), kind: 'owner_official', role: 'owner', title: 'kommunalsjef oppvekst', school: null },
  { key: 'eikvik.radgiver', name: 'Per Aasen', email: at('skoleradgiver', 'eikvik'), kind: 'owner_official', role: 'owner', title: 'rådgiver skole', school: null },
  { key: 'eikvik.kommunedirektor', name: 'Liv Hauge', email: at('kommunedirektor', 'eikvik'), kind: 'owner_official', role: 'second_contact', title: 'kommunedirektør (andre kontakt)', school: null },
  // Drift
  { key: 'drift', name: 'Tor Ødegård', email: at('drift', null), kind: 'operator', role: 'admin', title: 'driftsansvarlig', school: null },

  // Bjørkly skole (1.–7. trinn, med SFO)
  { key: 'bjorkly.rektor', name: 'Ingrid Solberg', email: at('rektor', 'bjorkly'), kind: 'staff', role: 'principal', title: 'rektor', school: 'bjorkly' },
  { key: 'bjorkly.avdelingsleder', name: 'Thomas Haugen', email: at('avdelingsleder', 'bjorkly'), kind: 'staff', role: 'leader', title: 'avdelingsleder', school: 'bjorkly' },
  teacher('bjorkly.t1', 'Kari Nilsen', 'bjorkly', 1),
  teacher('bjorkly.t2', 'Ole Bakken', 'bjorkly', 2),
  teacher('bjorkly.t3', 'Marit Lie', 'bjorkly', 3),
  teacher('bjorkly.t4', 'Jonas Berg', 'bjorkly', 4),
  teacher('bjorkly.t5', 'Silje Moen', 'bjorkly', 5),
  teacher('bjorkly.t6', 'Anders Dahl', 'bjorkly', 6),
  teacher('bjorkly.t7', 'Hanne Strand', 'bjorkly', 7),
  { key: 'bjorkly.sfo', name: 'Sofie Lunde', email: at('sfo', 'bjorkly'), kind: 'sfo_aks', role: 'staff', title: 'SFO-baseleder', school: 'bjorkly' },

  // Fjellstad ungdomsskole (8.–10. trinn, med leksehjelp — ungdomsskoler har ikke SFO/AKS)
  { key: 'fjellstad.rektor', name: 'Erik Johansen', email: at('rektor', 'fjellstad'), kind: 'staff', role: 'principal', title: 'rektor', school: 'fjellstad' },
  { key: 'fjellstad.avdelingsleder', name: 'Camilla Andersen', email: at('avdelingsleder', 'fjellstad'), kind: 'staff', role: 'leader', title: 'avdelingsleder 8.–9. trinn', school: 'fjellstad' },
  { key: 'fjellstad.avdelingsleder2', name: 'Morten Pedersen', email: at('avdelingsleder2', 'fjellstad'), kind: 'staff', role: 'leader', title: 'avdelingsleder 10. trinn', school: 'fjellstad' },
  teacher('fjellstad.t8a', 'Ida Karlsen', 'fjellstad', 8, 'A'),
  teacher('fjellstad.t8b', 'Henrik Olsen', 'fjellstad', 8, 'B'),
  teacher('fjellstad.t9a', 'Nora Eriksen', 'fjellstad', 9, 'A'),
  teacher('fjellstad.t9b', 'Magnus Larsen', 'fjellstad', 9, 'B'),
  teacher('fjellstad.t10a', 'Ingeborg Halvorsen', 'fjellstad', 10, 'A'),
  teacher('fjellstad.t10b', 'Sander Jakobsen', 'fjellstad', 10, 'B'),
  { key: 'fjellstad.leksehjelp', name: 'Amina Hassan', email: at('leksehjelp', 'fjellstad'), kind: 'homework_help', role: 'staff', title: 'leksehjelper', school: 'fjellstad' },
];

/** Weekly digest to both owner officials; the kommunedirektør is the second contact. */
export const DIGEST_RECIPIENTS = ['eikvik.kommunalsjef', 'eikvik.radgiver'] as const;
export const SECOND_CONTACT = 'eikvik.kommunedirektor';

/** The logins the README and `npm start` print (email → why log in as this person). */
export const LOGIN_NOTES: Readonly<Record<string, string>> = {
  'eikvik.kommunalsjef': 'ser tall for begge skolene, alvorlige saker og § 12-5-saken om avdelingslederen',
  'eikvik.radgiver': 'skoleeier (mottar ukesoppsummeringen)',
  'eikvik.kommunedirektor': 'andre kontakt: får varsler som ikke er kvittert innen én skoledag',
  drift: 'administrasjon: brukere, skoler, fridager',
  'bjorkly.rektor': 'ser alle saker ved Bjørkly, også § 12-5-saken om en lærer',
  'bjorkly.avdelingsleder': 'saker rektor har delegert',
  'bjorkly.t1': 'har meldt fra om flere elever',
  'bjorkly.t4': 'anklaget i en § 12-5-sak: ser ikke den saken',
  'bjorkly.sfo': 'SFO: har meldt fra etter § 12-5',
  'fjellstad.rektor': 'ser ikke § 12-5-saken om avdelingslederen (skoleeier har den)',
  'fjellstad.avdelingsleder': 'saker rektor har delegert',
  'fjellstad.avdelingsleder2': 'anklaget i en § 12-5-sak: verken han eller ledelsen ser den',
  'fjellstad.t10b': 'meldte fra om avdelingslederen',
  'fjellstad.leksehjelp': 'leksehjelp kan også melde fra (§ 12-1)',
};

// ---- the owner's school calendar 2026/27 (public holidays are the domain calendar's own) ----

export interface NonSchoolPeriod {
  from: string;
  to: string;
  kind: 'holiday' | 'planning_day';
  label: string;
}

export const NON_SCHOOL_PERIODS: readonly NonSchoolPeriod[] = [
  { from: '2026-08-13', to: '2026-08-14', kind: 'planning_day', label: 'Planleggingsdager før skolestart' },
  { from: '2026-10-05', to: '2026-10-09', kind: 'holiday', label: 'Høstferie' },
  { from: '2026-11-13', to: '2026-11-13', kind: 'planning_day', label: 'Planleggingsdag' },
  { from: '2026-12-21', to: '2026-12-31', kind: 'holiday', label: 'Juleferie' },
  { from: '2027-01-04', to: '2027-01-04', kind: 'planning_day', label: 'Planleggingsdag' },
  { from: '2027-02-22', to: '2027-02-26', kind: 'holiday', label: 'Vinterferie' },
  // Easter Sunday 2027 is 28 March: Maundy Thursday, Good Friday and Easter Monday are public.
  { from: '2027-03-22', to: '2027-03-24', kind: 'holiday', label: 'Påskeferie' },
  { from: '2027-05-07', to: '2027-05-07', kind: 'planning_day', label: 'Planleggingsdag (fredag etter Kristi himmelfartsdag)' },
  { from: '2027-06-21', to: '2027-08-13', kind: 'holiday', label: 'Sommerferie' },
];

/** The weekdays of the periods (weekends are never school days, so they are not stored). */
export function nonSchoolDates(): { date: string; kind: NonSchoolPeriod['kind']; label: string }[] {
  const out: { date: string; kind: NonSchoolPeriod['kind']; label: string }[] = [];
  for (const p of NON_SCHOOL_PERIODS) {
    for (let d = new Date(`${p.from}T12:00:00Z`); d <= new Date(`${p.to}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
      const weekday = d.getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      out.push({ date: d.toISOString().slice(0, 10), kind: p.kind, label: p.label });
    }
  }
  return out;
}

// ---- pupils ----

/** mulberry32: tiny, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIRLS = [
  'Nora', 'Emma', 'Olivia', 'Ella', 'Sofie', 'Leah', 'Frida', 'Ingrid', 'Maja', 'Astrid', 'Sara', 'Amalie',
  'Ida', 'Hedda', 'Selma', 'Tiril', 'Vilde', 'Thea', 'Mathilde', 'Aurora', 'Emilie', 'Linnea', 'Julie', 'Sigrid',
  'Hanna', 'Marie', 'Eline', 'Mia', 'Oda', 'Live', 'Aisha', 'Fatima', 'Amina', 'Maryam', 'Zofia', 'Nadia',
  'Ingeborg', 'Solveig', 'Ronja', 'Jenny',
];
const BOYS = [
  'Jakob', 'Emil', 'Noah', 'Oliver', 'Filip', 'William', 'Lukas', 'Isak', 'Henrik', 'Aksel', 'Theodor', 'Elias',
  'Magnus', 'Olav', 'Sander', 'Johannes', 'Mathias', 'Tobias', 'Kasper', 'Iver', 'Sverre', 'Even', 'Ludvig',
  'Håkon', 'Vetle', 'Ali', 'Mohammed', 'Yusuf', 'Omar', 'Adam', 'Liam', 'Jonas', 'Benjamin', 'Sebastian',
  'Eirik', 'Torstein', 'Mikkel', 'Aleksander', 'Markus', 'Viktor',
];
const SURNAMES = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen',
  'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl',
  'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand',
  'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie',
  'Amundsen', 'Nguyen', 'Rasmussen', 'Ali', 'Lunde', 'Solheim', 'Berge', 'Moe', 'Nygård', 'Bakke', 'Holm',
  'Lien', 'Hauge', 'Evensen', 'Sæther', 'Aas', 'Myhre', 'Ahmed', 'Haugland', 'Thomassen', 'Sandvik', 'Rønning',
  'Næss', 'Vik', 'Birkeland', 'Ruud', 'Strøm', 'Myklebust', 'Tangen', 'Helland', 'Khan', 'Nowak', 'Kaur',
];

export interface PupilDef {
  school: SchoolKey;
  name: string;
  initials: string;
  birthYear: number;
  grade: number;
  /** Key of the contact teacher (kontaktlærer). */
  contactTeacher: string;
  heightenedAttention: boolean;
}

/** Pupils per grade: 7 × 26 at Bjørkly, 40 + 39 + 39 at Fjellstad — 300 in all. */
export const PUPILS_PER_GRADE: Readonly<Record<number, number>> = { 1: 26, 2: 26, 3: 26, 4: 26, 5: 26, 6: 26, 7: 26, 8: 40, 9: 39, 10: 39 };
export const DEMO_PUPIL_COUNT = Object.values(PUPILS_PER_GRADE).reduce((a, b) => a + b, 0);

const SEED = 20_262_027;

/**
 * School year 2026/27: grade 1 are born in 2020 (they turn six the year they start), grade 10
 * in 2011. A few pupils in every grade carry heightened attention (§ 12-4 "følgje med": a lower
 * threshold for pupils with heightened vulnerability).
 */
export function demoPupils(): PupilDef[] {
  const random = prng(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: PupilDef[] = [];
  for (const school of Object.keys(SCHOOLS) as SchoolKey[]) {
    const taken = new Set<string>();
    for (const grade of SCHOOLS[school].grades) {
      const teachers = PEOPLE.filter((p) => p.school === school && p.grade === grade);
      for (let i = 0; i < PUPILS_PER_GRADE[grade]!; i++) {
        let name: string;
        do name = `${pick(random() < 0.5 ? GIRLS : BOYS)} ${pick(SURNAMES)}`;
        while (taken.has(name));
        taken.add(name);
        const [first, last] = name.split(' ') as [string, string];
        out.push({
          school,
          name,
          initials: `${first[0]}${last[0]}`,
          birthYear: 2021 - grade,
          grade,
          contactTeacher: teachers[i % teachers.length]!.key,
          heightenedAttention: random() < 0.08,
        });
      }
    }
  }
  return out;
}
