/**
 * User-visible refusal messages for the case lifecycle, the activity plan and routing.
 *
 * Bokmål is the default; Nynorsk is kept next to it so both written standards stay in step
 * (schools choose their målform, and the product must speak it — DOMAIN.md "Sources").
 * Plain words a principal or teacher understands; the law paragraph is named where it helps
 * the reader see *why* the product says no.
 */

export type Language = 'nb' | 'nn';

export interface Bilingual {
  readonly nb: string;
  readonly nn: string;
}

// ---------------------------------------------------------------------------------------------
// Case lifecycle
// ---------------------------------------------------------------------------------------------

export const LIFECYCLE_REFUSAL_CODES = [
  'CASE_CLOSED',
  'ALREADY_OPEN',
  'ALREADY_ACKNOWLEDGED',
  'ALREADY_SERIOUS',
  'INVESTIGATION_NOT_STARTED',
  'INVESTIGATION_ALREADY_STARTED',
  'INVESTIGATION_NOT_CONCLUDED',
  'INVESTIGATION_ALREADY_CONCLUDED',
  'PUPIL_NOT_HEARD',
  'BEST_INTEREST_NOT_ASSESSED',
  'DELAY_REASON_REQUIRED',
  'PLAN_REQUIRED',
  'PLAN_ALREADY_EXISTS',
  'CLOSE_REQUIRES_SAFE',
  'REOPEN_REASON_REQUIRED',
  'UNKNOWN_ACTION',
] as const;

export type LifecycleRefusalCode = (typeof LIFECYCLE_REFUSAL_CODES)[number];

export const LIFECYCLE_MESSAGES: Readonly<Record<LifecycleRefusalCode, Bilingual>> = {
  CASE_CLOSED: {
    nb: 'Saken er avsluttet. Gjenåpne saken før du gjør dette.',
    nn: 'Saka er avslutta. Opne saka att før du gjer dette.',
  },
  ALREADY_OPEN: {
    nb: 'Saken er ikke avsluttet, så den kan ikke gjenåpnes.',
    nn: 'Saka er ikkje avslutta, så ho kan ikkje opnast att.',
  },
  ALREADY_ACKNOWLEDGED: {
    nb: 'Meldingen er allerede registrert av rektor.',
    nn: 'Meldinga er allereie registrert av rektor.',
  },
  ALREADY_SERIOUS: {
    nb: 'Saken er allerede markert som alvorlig.',
    nn: 'Saka er allereie merkt som alvorleg.',
  },
  INVESTIGATION_NOT_STARTED: {
    nb: 'Undersøkelsen er ikke startet ennå. Skolen må først undersøke saken (opplæringsloven § 12-4).',
    nn: 'Undersøkinga er ikkje starta enno. Skulen må først undersøkje saka (opplæringslova § 12-4).',
  },
  INVESTIGATION_ALREADY_STARTED: {
    nb: 'Undersøkelsen er allerede startet.',
    nn: 'Undersøkinga er allereie starta.',
  },
  INVESTIGATION_NOT_CONCLUDED: {
    nb: 'Undersøkelsen er ikke avsluttet ennå. Avslutt undersøkelsen før saken avsluttes.',
    nn: 'Undersøkinga er ikkje avslutta enno. Avslutt undersøkinga før saka blir avslutta.',
  },
  INVESTIGATION_ALREADY_CONCLUDED: {
    nb: 'Undersøkelsen er allerede avsluttet.',
    nn: 'Undersøkinga er allereie avslutta.',
  },
  PUPIL_NOT_HEARD: {
    nb: 'Eleven er ikke hørt. Snakk med eleven og skriv ned hva eleven selv mener, før undersøkelsen avsluttes (opplæringsloven § 10-2).',
    nn: 'Eleven er ikkje høyrd. Snakk med eleven og skriv ned kva eleven sjølv meiner, før undersøkinga blir avslutta (opplæringslova § 10-2).',
  },
  BEST_INTEREST_NOT_ASSESSED: {
    nb: 'Vurderingen av hva som er best for eleven, mangler. Skriv den før undersøkelsen avsluttes (opplæringsloven § 10-1).',
    nn: 'Vurderinga av kva som er best for eleven, manglar. Skriv ho før undersøkinga blir avslutta (opplæringslova § 10-1).',
  },
  DELAY_REASON_REQUIRED: {
    nb: 'Fristen er passert. Skriv hvorfor det tok lengre tid. Begrunnelsen lagres i saken.',
    nn: 'Fristen er passert. Skriv kvifor det tok lengre tid. Grunngivinga blir lagra i saka.',
  },
  PLAN_REQUIRED: {
    nb: 'Saken har ingen aktivitetsplan ennå. Lag planen først (opplæringsloven § 12-4).',
    nn: 'Saka har ingen aktivitetsplan enno. Lag planen først (opplæringslova § 12-4).',
  },
  PLAN_ALREADY_EXISTS: {
    nb: 'Saken har allerede en aktivitetsplan. Lag en ny versjon av planen i stedet.',
    nn: 'Saka har allereie ein aktivitetsplan. Lag ein ny versjon av planen i staden.',
  },
  CLOSE_REQUIRES_SAFE: {
    nb: 'Saken kan bare avsluttes når skolen, sammen med eleven, har vurdert at eleven har det trygt og godt på skolen (opplæringsloven § 12-4).',
    nn: 'Saka kan berre avsluttast når skulen, saman med eleven, har vurdert at eleven har det trygt og godt på skulen (opplæringslova § 12-4).',
  },
  REOPEN_REASON_REQUIRED: {
    nb: 'Skriv hvorfor saken gjenåpnes.',
    nn: 'Skriv kvifor saka blir opna att.',
  },
  UNKNOWN_ACTION: {
    nb: 'Denne handlingen finnes ikke.',
    nn: 'Denne handlinga finst ikkje.',
  },
};

// ---------------------------------------------------------------------------------------------
// Activity plan (§ 12-4 third paragraph)
// ---------------------------------------------------------------------------------------------

export const PLAN_PROBLEM_CODES = [
  'PROBLEM_MISSING',
  'PROBLEM_TOO_SHORT',
  'MEASURES_MISSING',
  'MEASURE_INVALID',
  'LEVEL_INVALID',
  'DESCRIPTION_MISSING',
  'START_MISSING',
  'END_MISSING',
  'EVALUATION_MISSING',
  'DATE_INVALID',
  'END_BEFORE_START',
  'EVALUATION_BEFORE_START',
  'MEASURE_STARTS_BEFORE_PLAN',
  'RESPONSIBLE_MISSING',
  'RESPONSIBLE_IS_PUPIL',
  'RESPONSIBLE_IS_PARENT',
  'RESPONSIBLE_UNKNOWN',
  'RESPONSIBLE_NOT_AT_SCHOOL',
  'INVALID_VALUE',
  'PROPOSAL_TEXT_MISSING',
  'PROPOSAL_CHOICE_MISSING',
  'PROPOSAL_REASON_REQUIRED',
  'VERSION_BEFORE_PREVIOUS',
] as const;

export type PlanProblemCode = (typeof PLAN_PROBLEM_CODES)[number];

export const PLAN_MESSAGES: Readonly<Record<PlanProblemCode, Bilingual>> = {
  PROBLEM_MISSING: {
    nb: 'Beskriv problemet tiltakene skal løse (opplæringsloven § 12-4 tredje ledd).',
    nn: 'Beskriv problemet tiltaka skal løyse (opplæringslova § 12-4 tredje ledd).',
  },
  PROBLEM_TOO_SHORT: {
    nb: 'Problembeskrivelsen er for kort. Beskriv konkret hva som skjer, og hvordan eleven opplever det.',
    nn: 'Problemskildringa er for kort. Beskriv konkret kva som skjer, og korleis eleven opplever det.',
  },
  MEASURES_MISSING: {
    nb: 'Planen må ha minst ett tiltak (opplæringsloven § 12-4 tredje ledd).',
    nn: 'Planen må ha minst eitt tiltak (opplæringslova § 12-4 tredje ledd).',
  },
  MEASURE_INVALID: {
    nb: 'Tiltaket mangler innhold.',
    nn: 'Tiltaket manglar innhald.',
  },
  LEVEL_INVALID: {
    nb: 'Velg hvilket nivå tiltaket gjelder: elev, klasse/gruppe, skole eller AKS/SFO.',
    nn: 'Vel kva nivå tiltaket gjeld: elev, klasse/gruppe, skule eller AKS/SFO.',
  },
  DESCRIPTION_MISSING: {
    nb: 'Skriv hva som skal gjøres, og hvordan.',
    nn: 'Skriv kva som skal gjerast, og korleis.',
  },
  START_MISSING: {
    nb: 'Skriv når tiltaket starter.',
    nn: 'Skriv når tiltaket startar.',
  },
  END_MISSING: {
    nb: 'Skriv når tiltaket slutter. Tiltak skal ha en sluttdato.',
    nn: 'Skriv når tiltaket sluttar. Tiltak skal ha ein sluttdato.',
  },
  EVALUATION_MISSING: {
    nb: 'Skriv når tiltaket skal evalueres.',
    nn: 'Skriv når tiltaket skal evaluerast.',
  },
  DATE_INVALID: {
    nb: 'Datoen finnes ikke. Skriv den som ÅÅÅÅ-MM-DD, for eksempel 2026-03-02.',
    nn: 'Datoen finst ikkje. Skriv han som ÅÅÅÅ-MM-DD, til dømes 2026-03-02.',
  },
  END_BEFORE_START: {
    nb: 'Sluttdatoen er før startdatoen.',
    nn: 'Sluttdatoen er før startdatoen.',
  },
  EVALUATION_BEFORE_START: {
    nb: 'Evalueringsdatoen er før tiltaket starter. Velg startdatoen eller en senere dato.',
    nn: 'Evalueringsdatoen er før tiltaket startar. Vel startdatoen eller ein seinare dato.',
  },
  MEASURE_STARTS_BEFORE_PLAN: {
    nb: 'Tiltaket starter før planen er laget. Planen skal finnes senest når tiltaket settes inn.',
    nn: 'Tiltaket startar før planen er laga. Planen skal finnast seinast når tiltaket blir sett inn.',
  },
  RESPONSIBLE_MISSING: {
    nb: 'Skriv hvem som skal gjennomføre tiltaket. Det må være en ansatt ved skolen.',
    nn: 'Skriv kven som skal gjennomføre tiltaket. Det må vere ein tilsett ved skulen.',
  },
  RESPONSIBLE_IS_PUPIL: {
    nb: 'En elev kan ikke ha ansvar for å gjennomføre et tiltak. Velg en ansatt ved skolen.',
    nn: 'Ein elev kan ikkje ha ansvar for å gjennomføre eit tiltak. Vel ein tilsett ved skulen.',
  },
  RESPONSIBLE_IS_PARENT: {
    nb: 'En forelder kan ikke ha ansvar for å gjennomføre et tiltak. Velg en ansatt ved skolen.',
    nn: 'Ein forelder kan ikkje ha ansvar for å gjennomføre eit tiltak. Vel ein tilsett ved skulen.',
  },
  RESPONSIBLE_UNKNOWN: {
    nb: 'Vi finner ikke denne personen. Velg en ansatt ved skolen.',
    nn: 'Vi finn ikkje denne personen. Vel ein tilsett ved skulen.',
  },
  RESPONSIBLE_NOT_AT_SCHOOL: {
    nb: 'Personen er ikke ansatt ved denne skolen. Velg en ansatt ved skolen.',
    nn: 'Personen er ikkje tilsett ved denne skulen. Vel ein tilsett ved skulen.',
  },
  INVALID_VALUE: {
    nb: 'Feltet har feil format.',
    nn: 'Feltet har feil format.',
  },
  PROPOSAL_TEXT_MISSING: {
    nb: 'Skriv hva foreldrene foreslo.',
    nn: 'Skriv kva foreldra foreslo.',
  },
  PROPOSAL_CHOICE_MISSING: {
    nb: 'Kryss av for om forslaget er tatt med i planen.',
    nn: 'Kryss av for om forslaget er teke med i planen.',
  },
  PROPOSAL_REASON_REQUIRED: {
    nb: 'Foreldrene foreslo dette tiltaket, men det er ikke valgt. Skriv hvorfor.',
    nn: 'Foreldra foreslo dette tiltaket, men det er ikkje valt. Skriv kvifor.',
  },
  VERSION_BEFORE_PREVIOUS: {
    nb: 'Den nye versjonen av planen kan ikke være eldre enn forrige versjon. Sjekk dato og klokkeslett.',
    nn: 'Den nye versjonen av planen kan ikkje vere eldre enn førre versjon. Sjekk dato og klokkeslett.',
  },
};

/** Labels for the four measure levels of § 12-4 (as schools name them). */
export const MEASURE_LEVEL_LABELS = {
  individual: { nb: 'Elev (individnivå)', nn: 'Elev (individnivå)' },
  class: { nb: 'Klasse/gruppe', nn: 'Klasse/gruppe' },
  school: { nb: 'Skole', nn: 'Skule' },
  after_school: { nb: 'AKS/SFO', nn: 'AKS/SFO' },
} as const satisfies Record<string, Bilingual>;

/** "Tiltak 2: …" — tells the teacher which measure a problem is about (1-based, as on paper; same word in nb and nn). */
export function measurePrefix(measureIndex: number): string {
  return `Tiltak ${measureIndex + 1}: `;
}

/** "Forslag 1 fra foreldrene: …" */
export function proposalPrefix(proposalIndex: number, lang: Language): string {
  return lang === 'nn'
    ? `Forslag ${proposalIndex + 1} frå foreldra: `
    : `Forslag ${proposalIndex + 1} fra foreldrene: `;
}

// ---------------------------------------------------------------------------------------------
// Routing (§ 12-5)
// ---------------------------------------------------------------------------------------------

export const ROUTING_REFUSAL_CODES = ['NO_RECIPIENT'] as const;
export type RoutingRefusalCode = (typeof ROUTING_REFUSAL_CODES)[number];

export const ROUTING_MESSAGES: Readonly<Record<RoutingRefusalCode, Bilingual>> = {
  NO_RECIPIENT: {
    nb: 'Ingen kan varsles om saken: skolen har ikke registrert noen rektor eller skoleeier som kan få den. Kontakt administrator.',
    nn: 'Ingen kan varslast om saka: skulen har ikkje registrert nokon rektor eller skuleeigar som kan få ho. Kontakt administrator.',
  },
};
