// The demo's cases, each placed relative to `now` in school days of the owner's calendar, so
// that whenever `npm start` seeds, some deadlines are overdue and some reminders and
// escalations are due within the first minutes. Texts are Bokmål, as a school would write them.
import { localDateTimeToInstant, type SchoolCalendar } from '@trygg/domain';
import type { Temporal } from 'temporal-polyfill';
import type { SchoolKey } from './world';

export type ReportCategory = 'bullying' | 'exclusion' | 'violence' | 'harassment' | 'racism' | 'sexual' | 'digital' | 'staff_violation' | 'other';

export interface Act {
  /** Person key (world.ts). */
  by: string;
  at: Temporal.Instant;
}

export interface Scenario {
  /** Stable handle for tests and the summary. */
  key: string;
  school: SchoolKey;
  /** What the newcomer should look at, in Norwegian. */
  label: string;
  pupil: { grade: number; heightenedAttention?: boolean };
  report: Act & {
    basis: 'suspicion' | 'knowledge';
    category: ReportCategory;
    description: string;
    intervention?: string;
    /** The reporter's own "this is serious" (the principal marks the case serious). */
    serious?: boolean;
    /** § 12-5: the employee suspected of violating the pupil. */
    accused?: string;
  };
  /** Filed within the last hour: the principal's "new report" notice goes now. */
  fresh?: boolean;
  acknowledged?: Act;
  /** § 12-6: the case was raised with the principal personally. */
  principalKnew?: Act & { how: string };
  delegated?: Act & { to: string };
  markedSerious?: Act;
  /** The principal's notice to the owner about a serious case (§ 12-4). */
  ownerNotified?: Act;
  started?: Act & { delayReason?: string };
  concluded?: Act & { measuresNeeded: boolean; conclusion: string };
  closed?: Act & { reason: string };
}

export type ScenarioStatus = 'reported' | 'investigating' | 'closed';

export const statusOf = (s: Scenario): ScenarioStatus => (s.closed ? 'closed' : s.started ? 'investigating' : 'reported');

export function demoScenarios(now: Temporal.Instant, calendar: SchoolCalendar): Scenario[] {
  const today = calendar.localDate(now);
  /** hh:mm on the kth school day before today (k ≥ 1: always in the past). */
  const day = (k: number, hhmm: string) => localDateTimeToInstant(`${calendar.addSchoolDays(today, -k).toString()}T${hhmm}`);
  const ago = (minutes: number) => now.subtract({ minutes });

  return [
    // ---------------- Bjørkly skole ----------------
    {
      key: 'bjorkly-new',
      school: 'bjorkly',
      label: 'Ny melding for noen minutter siden — rektor har ikke registrert den ennå',
      pupil: { grade: 1 },
      report: {
        by: 'bjorkly.t1',
        at: ago(12),
        basis: 'suspicion',
        category: 'exclusion',
        description:
          'Eleven har gått alene i friminuttene hele uka. Hun sier at de andre jentene i klassen har bestemt at hun ikke får være med å leke.',
      },
      fresh: true,
    },
    {
      key: 'bjorkly-unacknowledged',
      school: 'bjorkly',
      label: 'Meldt for fem skoledager siden og aldri registrert — skoleeier har fått eskalering',
      pupil: { grade: 4 },
      report: {
        by: 'bjorkly.t4',
        at: day(5, '10:15'),
        basis: 'knowledge',
        category: 'bullying',
        description: 'Flere elever kaller eleven «tjukken» i gangen og i garderoben. Eleven gråt etter gymtimen.',
        intervention: 'Stoppet kommentarene i garderoben og snakket med elevene som var med.',
      },
    },
    {
      key: 'bjorkly-start-overdue',
      school: 'bjorkly',
      label: 'Registrert og delegert, men undersøkelsen er ikke startet — fristen er passert',
      pupil: { grade: 5 },
      report: {
        by: 'bjorkly.t5',
        at: day(4, '13:40'),
        basis: 'suspicion',
        category: 'digital',
        description: 'Eleven er kastet ut av klassens Snapchat-gruppe, og det er laget en ny gruppe der det skal ligge bilder av henne.',
      },
      acknowledged: { by: 'bjorkly.rektor', at: day(3, '08:05') },
      delegated: { by: 'bjorkly.rektor', at: day(3, '08:10'), to: 'bjorkly.avdelingsleder' },
    },
    {
      key: 'bjorkly-investigating',
      school: 'bjorkly',
      label: 'Undersøkelse pågår; foreldrene ringte rektor i går, så Statsforvalteren kan kontaktes om seks dager',
      pupil: { grade: 3 },
      report: {
        by: 'bjorkly.t3',
        at: day(3, '11:00'),
        basis: 'knowledge',
        category: 'violence',
        description: 'Eleven ble dyttet og slått i garderoben av to elever fra parallellklassen. Han hadde et rødt merke på kinnet.',
        intervention: 'Skilte elevene og fulgte eleven til helsesykepleier.',
      },
      acknowledged: { by: 'bjorkly.rektor', at: day(3, '12:30') },
      delegated: { by: 'bjorkly.rektor', at: day(3, '12:35'), to: 'bjorkly.avdelingsleder' },
      started: { by: 'bjorkly.avdelingsleder', at: day(2, '09:00') },
      principalKnew: { by: 'bjorkly.rektor', at: day(1, '15:30'), how: 'Foreldrene ringte rektor og fortalte om saken.' },
    },
    {
      key: 'bjorkly-conclude-overdue',
      school: 'bjorkly',
      label: 'Undersøkelsen skulle vært avsluttet — fristen er passert, rektor er varslet',
      pupil: { grade: 6, heightenedAttention: true },
      report: {
        by: 'bjorkly.t6',
        at: day(14, '09:30'),
        basis: 'suspicion',
        category: 'exclusion',
        description: 'Eleven sitter alene i lunsjen og sier hun ikke har noen å være med. Hun har vært borte fra skolen tre dager den siste uka.',
      },
      acknowledged: { by: 'bjorkly.rektor', at: day(14, '12:00') },
      delegated: { by: 'bjorkly.rektor', at: day(14, '12:05'), to: 'bjorkly.avdelingsleder' },
      started: { by: 'bjorkly.avdelingsleder', at: day(13, '10:00') },
    },
    {
      key: 'bjorkly-started-late',
      school: 'bjorkly',
      label: 'Undersøkelsen startet for sent — den skriftlige begrunnelsen står i tidslinjen',
      pupil: { grade: 7 },
      report: {
        by: 'bjorkly.t7',
        at: day(7, '14:00'),
        basis: 'knowledge',
        category: 'harassment',
        description: 'Eleven får stadig kommentarer om klærne og utseendet sitt fra en gruppe gutter i 7. trinn.',
        intervention: 'Ba guttene slutte og sa fra at slike kommentarer ikke er greit.',
      },
      acknowledged: { by: 'bjorkly.rektor', at: day(6, '09:00') },
      delegated: { by: 'bjorkly.rektor', at: day(6, '09:05'), to: 'bjorkly.avdelingsleder' },
      started: {
        by: 'bjorkly.avdelingsleder',
        at: day(3, '10:30'),
        delayReason:
          'Avdelingsleder og kontaktlærer var på kurs, og foreldrene kunne ikke møte før nå. Eleven ble fulgt opp av kontaktlærer i mellomtiden.',
      },
    },
    {
      key: 'bjorkly-plan-overdue',
      school: 'bjorkly',
      label: 'Undersøkelsen er avsluttet og tiltak trengs, men aktivitetsplanen mangler',
      pupil: { grade: 2, heightenedAttention: true },
      report: {
        by: 'bjorkly.t2',
        at: day(12, '10:00'),
        basis: 'knowledge',
        category: 'bullying',
        description: 'Eleven blir holdt fast og kilt mot sin vilje av medelever i friminuttet, flere ganger i uka. Eleven vil ikke gå ut.',
        intervention: 'Gikk imellom og tok eleven med inn.',
      },
      acknowledged: { by: 'bjorkly.rektor', at: day(12, '14:00') },
      delegated: { by: 'bjorkly.rektor', at: day(12, '14:05'), to: 'bjorkly.avdelingsleder' },
      started: { by: 'bjorkly.avdelingsleder', at: day(11, '09:00') },
      concluded: {
        by: 'bjorkly.avdelingsleder',
        at: day(5, '14:00'),
        measuresNeeded: true,
        conclusion:
          'Eleven er hørt og sier at han ikke har det trygt i friminuttene. Foreldrene og kontaktlærer bekrefter det. Skolen må sette inn tiltak.',
      },
    },
    {
      key: 'bjorkly-enforcement',
      school: 'bjorkly',
      label: 'Rektor fikk vite om saken for over en uke siden og det finnes ingen plan — Statsforvalteren kan kontaktes',
      pupil: { grade: 1 },
      report: {
        by: 'bjorkly.t1',
        at: day(9, '08:45'),
        basis: 'knowledge',
        category: 'racism',
        description: 'Eleven har flere ganger fått kommentarer om hudfargen sin fra eldre elever på skoleveien og i skolegården.',
        intervention: 'Snakket med de eldre elevene og varslet kontaktlæreren deres.',
      },
      principalKnew: { by: 'bjorkly.rektor', at: day(9, '15:00'), how: 'Foreldrene hadde møte med rektor.' },
      acknowledged: { by: 'bjorkly.rektor', at: day(9, '15:05') },
      delegated: { by: 'bjorkly.rektor', at: day(9, '15:10'), to: 'bjorkly.avdelingsleder' },
      started: { by: 'bjorkly.avdelingsleder', at: day(8, '09:30') },
    },
    {
      key: 'bjorkly-12-5-teacher',
      school: 'bjorkly',
      label: '§ 12-5: en lærer er mistenkt — rektor og skoleeier er varslet straks, læreren ser ikke saken',
      pupil: { grade: 3 },
      report: {
        by: 'bjorkly.sfo',
        at: ago(35),
        basis: 'suspicion',
        category: 'staff_violation',
        description:
          'Eleven fortalte på SFO at læreren dro ham hardt i armen og kalte ham dum foran de andre. Eleven var redd for å gå på skolen i morgen.',
        accused: 'bjorkly.t4',
      },
      fresh: true,
    },
    {
      key: 'bjorkly-serious-notified',
      school: 'bjorkly',
      label: 'Alvorlig sak — rektor har varslet skoleeier, som må kvittere',
      pupil: { grade: 6 },
      report: {
        by: 'bjorkly.t6',
        at: ago(50),
        basis: 'knowledge',
        category: 'violence',
        description: 'Eleven ble slått ned av en medelev bak gymsalen og slo hodet i asfalten. Eleven ble kjørt til legevakten.',
        intervention: 'Ga førstehjelp, ringte foreldrene og fulgte eleven til legevakten.',
        serious: true,
      },
      fresh: true,
      acknowledged: { by: 'bjorkly.rektor', at: ago(40) },
      markedSerious: { by: 'bjorkly.rektor', at: ago(38) },
      ownerNotified: { by: 'bjorkly.rektor', at: ago(30) },
      started: { by: 'bjorkly.rektor', at: ago(20) },
    },
    {
      key: 'bjorkly-closed-conflict',
      school: 'bjorkly',
      label: 'Avsluttet: eleven har det trygt og godt igjen',
      pupil: { grade: 5 },
      report: {
        by: 'bjorkly.t5',
        at: day(35, '10:00'),
        basis: 'suspicion',
        category: 'exclusion',
        description: 'Eleven blir ikke valgt på lag i gymtimene og sier at de andre gjør det med vilje.',
      },
      acknowledged: { by: 'bjorkly.rektor', at: day(35, '13:00') },
      started: { by: 'bjorkly.rektor', at: day(34, '09:00') },
      concluded: {
        by: 'bjorkly.rektor',
        at: day(27, '14:00'),
        measuresNeeded: false,
        conclusion: 'Samtaler med eleven, klassen og foreldrene viser en enkeltstående konflikt som er løst. Eleven sier selv at hun har det bra.',
      },
      closed: {
        by: 'bjorkly.rektor',
        at: day(25, '10:00'),
        reason: 'Eleven og foreldrene bekrefter at eleven har det trygt og godt på skolen. Kontaktlærer følger med videre.',
      },
    },
    {
      key: 'bjorkly-closed-digital',
      school: 'bjorkly',
      label: 'Avsluttet etter undersøkelse',
      pupil: { grade: 7 },
      report: {
        by: 'bjorkly.t7',
        at: day(22, '13:00'),
        basis: 'knowledge',
        category: 'digital',
        description: 'Det er sendt stygge meldinger til eleven fra en anonym konto. Eleven viste meldingene til kontaktlærer.',
      },
      acknowledged: { by: 'bjorkly.rektor', at: day(22, '15:00') },
      delegated: { by: 'bjorkly.rektor', at: day(21, '08:00'), to: 'bjorkly.avdelingsleder' },
      started: { by: 'bjorkly.avdelingsleder', at: day(21, '10:00') },
      concluded: {
        by: 'bjorkly.avdelingsleder',
        at: day(8, '12:00'),
        measuresNeeded: false,
        conclusion: 'Kontoen tilhørte en elev ved en annen skole; den skolen og foreldrene er kontaktet og meldingene har stoppet.',
      },
      // Closed before the plan deadline: the engine has no "no measures needed" fact yet, so a
      // case closed later would keep a missed plan deadline it never needed.
      closed: {
        by: 'bjorkly.rektor',
        at: day(7, '11:00'),
        reason: 'Meldingene har stoppet, og eleven sier at hun har det trygt og godt. Saken avsluttes.',
      },
    },

    // ---------------- Fjellstad ungdomsskole ----------------
    {
      key: 'fjellstad-yesterday',
      school: 'fjellstad',
      label: 'Meldt i går — rektor må registrere den i dag',
      pupil: { grade: 8 },
      report: {
        by: 'fjellstad.t8a',
        at: day(1, '11:45'),
        basis: 'knowledge',
        category: 'digital',
        description: 'Et bilde av eleven er delt i klassechatten uten samtykke, med stygge kommentarer under.',
        intervention: 'Ba elevene slette bildet og samlet inn navnene på dem som hadde delt det.',
      },
    },
    {
      key: 'fjellstad-investigating',
      school: 'fjellstad',
      label: 'Undersøkelse pågår, delegert til avdelingsleder',
      pupil: { grade: 9 },
      report: {
        by: 'fjellstad.t9b',
        at: day(4, '09:10'),
        basis: 'suspicion',
        category: 'exclusion',
        description: 'Eleven har trukket seg bort fra venneflokken og sitter alene i alle friminutt. Foreldrene er bekymret.',
      },
      acknowledged: { by: 'fjellstad.rektor', at: day(4, '11:00') },
      delegated: { by: 'fjellstad.rektor', at: day(4, '11:05'), to: 'fjellstad.avdelingsleder' },
      started: { by: 'fjellstad.avdelingsleder', at: day(3, '13:00') },
    },
    {
      key: 'fjellstad-conclude-soon',
      school: 'fjellstad',
      label: 'Undersøkelsen må avsluttes snart — påminnelse til avdelingsleder',
      pupil: { grade: 8, heightenedAttention: true },
      report: {
        by: 'fjellstad.t8b',
        at: day(10, '10:30'),
        basis: 'knowledge',
        category: 'bullying',
        description: 'Eleven blir gjentatte ganger dyttet inn i skapet og får sekken sin gjemt. Det skjer nesten hver dag.',
        intervention: 'Stoppet dyttingen og hentet sekken.',
      },
      acknowledged: { by: 'fjellstad.rektor', at: day(10, '13:00') },
      delegated: { by: 'fjellstad.rektor', at: day(10, '13:05'), to: 'fjellstad.avdelingsleder' },
      started: { by: 'fjellstad.avdelingsleder', at: day(9, '09:00') },
    },
    {
      key: 'fjellstad-serious-pending',
      school: 'fjellstad',
      label: 'Alvorlig sak — rektor har ikke varslet skoleeier; systemet varsler skoleeier selv',
      pupil: { grade: 10 },
      report: {
        by: 'fjellstad.t10a',
        at: day(1, '12:40'),
        basis: 'knowledge',
        category: 'violence',
        description: 'Eleven ble angrepet av tre medelever på vei hjem fra skolen og filmet mens det skjedde. Politiet er kontaktet.',
        intervention: 'Snakket med eleven og foreldrene samme dag.',
        serious: true,
      },
      acknowledged: { by: 'fjellstad.rektor', at: day(1, '13:00') },
      markedSerious: { by: 'fjellstad.rektor', at: day(1, '13:05') },
      delegated: { by: 'fjellstad.rektor', at: day(1, '13:10'), to: 'fjellstad.avdelingsleder' },
      started: { by: 'fjellstad.avdelingsleder', at: day(1, '14:30') },
    },
    {
      key: 'fjellstad-12-5-leader',
      school: 'fjellstad',
      label: '§ 12-5: en avdelingsleder er mistenkt — saken går rett til skoleeier; skolens ledelse ser den ikke',
      pupil: { grade: 10 },
      report: {
        by: 'fjellstad.t10b',
        at: day(1, '10:20'),
        basis: 'suspicion',
        category: 'staff_violation',
        description:
          'Eleven forteller at avdelingslederen har kommentert kroppen hennes og holdt henne igjen alene etter timen. Hun vil ikke være alene med ham.',
        accused: 'fjellstad.avdelingsleder2',
      },
      acknowledged: { by: 'eikvik.kommunalsjef', at: day(1, '13:30') },
      started: { by: 'eikvik.kommunalsjef', at: day(1, '15:00') },
    },
    {
      key: 'fjellstad-closed',
      school: 'fjellstad',
      label: 'Avsluttet: konflikten er løst',
      pupil: { grade: 9 },
      report: {
        by: 'fjellstad.t9a',
        at: day(28, '09:00'),
        basis: 'knowledge',
        category: 'bullying',
        description: 'Eleven ble ertet for uttalen sin i norsktimen, og noen hermet etter ham i friminuttet.',
        intervention: 'Tok det opp med klassen med en gang.',
      },
      acknowledged: { by: 'fjellstad.rektor', at: day(28, '12:00') },
      delegated: { by: 'fjellstad.rektor', at: day(28, '12:05'), to: 'fjellstad.avdelingsleder' },
      started: { by: 'fjellstad.avdelingsleder', at: day(27, '10:00') },
      concluded: {
        by: 'fjellstad.avdelingsleder',
        at: day(20, '14:00'),
        measuresNeeded: false,
        conclusion: 'Elevene som ertet har beklaget, og klassen har hatt samtaler om språk og respekt. Eleven opplever at det har stoppet.',
      },
      closed: {
        by: 'fjellstad.rektor',
        at: day(19, '10:00'),
        reason: 'Eleven sier selv at han har det trygt og godt, og foreldrene er enige. Kontaktlærer følger med.',
      },
    },
  ];
}
