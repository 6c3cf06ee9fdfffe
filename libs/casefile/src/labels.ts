// Every word of the case file, in Bokmål (default) and Nynorsk. Codes from the database are
// shown through these tables; an unknown code is shown as it is rather than dropped.
import type { Lang, PersonRole, SubDuty } from './types';

type Table = Readonly<Record<string, string>>;

export interface Labels {
  title: string;
  parentsCopy: string;
  parentsCopyNote: string;
  fullCopyNote: string;
  confidential: string;
  page: (n: number, of: number) => string;
  front: {
    caseNumber: string;
    school: string;
    owner: string;
    pupil: string;
    status: string;
    opened: string;
    principalKnew: string;
    enforcementWindow: string;
    caseLeader: string;
    caseLeaderPrincipal: string;
    serious: string;
    section12_5: string;
    accused: string;
    closed: string;
    assembled: string;
    yes: string;
    no: string;
  };
  completeness: { heading: string; intro: string; allOk: string; ok: string; missing: string };
  subDuty: Readonly<Record<SubDuty, string>>;
  sections: {
    timeline: string;
    conversations: string;
    reports: string;
    investigation: string;
    steps: string;
    assessments: string;
    conclusions: string;
    plans: string;
    evaluations: string;
    notices: string;
    acknowledgements: string;
    deadlines: string;
    externalBodies: string;
    documents: string;
  };
  empty: {
    timeline: string;
    conversations: string;
    reports: string;
    steps: string;
    assessments: string;
    conclusions: string;
    plans: string;
    evaluations: string;
    notices: string;
    acknowledgements: string;
    deadlines: string;
    externalBodies: string;
  };
  field: Readonly<Record<string, string>>;
  status: Table;
  role: Readonly<Record<Exclude<PersonRole, null>, string>>;
  system: string;
  timelineKind: Table;
  stepKind: Table;
  externalBodyKind: Table;
  assessmentKind: Table;
  measureLevel: Table;
  decision: Table;
  deadlineKind: Table;
  deadlineState: Table;
  noticeKind: Table;
  basis: Table;
  reporterKind: Table;
  category: Table;
  answer: Table;
  termHalf: Table;
  document: Table;
  version: (n: number) => string;
  measure: (n: number) => string;
  recordedLater: (at: string) => string;
  stepTiming: (step: string) => string;
}

const nb: Labels = {
  title: 'Saksmappe',
  parentsCopy: 'Kopi til foreldrene',
  parentsCopyNote:
    'Dette er foreldrenes kopi. Navn på andre elever er erstattet med «[annen elev]», og opplysninger om andre elever er tatt ut (taushetsplikt).',
  fullCopyNote: 'Full saksmappe til Statsforvalteren. Inneholder taushetsbelagte opplysninger.',
  confidential: 'Unntatt offentlighet (offl. § 13, fvl. § 13)',
  page: (n, of) => `Side ${n} av ${of}`,
  front: {
    caseNumber: 'Saksnummer',
    school: 'Skole',
    owner: 'Skoleeier',
    pupil: 'Elev',
    status: 'Status',
    opened: 'Saken ble meldt',
    principalKnew: 'Rektor fikk selv vite om saken',
    enforcementWindow: 'Saken kan meldes til Statsforvalteren fra',
    caseLeader: 'Saksansvarlig',
    caseLeaderPrincipal: 'Rektor (ikke delegert)',
    serious: 'Alvorlig sak',
    section12_5: 'Gjelder en ansatt (§ 12-5)',
    accused: 'Ansatt saken gjelder',
    closed: 'Saken ble avsluttet',
    assembled: 'Saksmappen ble laget',
    yes: 'Ja',
    no: 'Nei',
  },
  completeness: {
    heading: 'Kompletthetssjekk (opplæringsloven § 12-4)',
    intro: 'Dette mangler i dokumentasjonen før saksmappen sendes:',
    allOk: 'Det er ikke funnet noe som mangler.',
    ok: 'I orden',
    missing: 'Mangler',
  },
  subDuty: {
    folgje_med: 'Følge med',
    gripe_inn: 'Gripe inn',
    melde_fra: 'Melde fra',
    undersokje: 'Undersøke',
    tiltak: 'Sette inn tiltak og lage aktivitetsplan',
  },
  sections: {
    timeline: 'Tidslinje',
    conversations: 'Elevsamtaler (følge med)',
    reports: 'Meldinger (melde fra og gripe inn)',
    investigation: 'Undersøkelsen',
    steps: 'Hva skolen gjorde for å undersøke',
    assessments: 'Funn og vurdering av barnets beste (§ 10-1)',
    conclusions: 'Konklusjon',
    plans: 'Aktivitetsplan – alle versjoner',
    evaluations: 'Evalueringer',
    notices: 'Varsler som er sendt',
    acknowledgements: 'Kvitteringer fra skoleeier',
    deadlines: 'Frister og begrunnelser for forsinkelse',
    externalBodies: 'Eksterne instanser',
    documents: 'Oversikt over dokumentene og når de ble laget',
  },
  empty: {
    timeline: 'Ingen hendelser er registrert.',
    conversations: 'Ingen elevsamtaler er registrert for eleven.',
    reports: 'Ingen meldinger er registrert.',
    steps: 'Ingen undersøkelsesskritt er registrert.',
    assessments: 'Ingen funn eller vurderinger er skrevet.',
    conclusions: 'Undersøkelsen er ikke avsluttet.',
    plans: 'Det er ikke laget noen aktivitetsplan.',
    evaluations: 'Ingen evalueringer er registrert.',
    notices: 'Ingen varsler er sendt.',
    acknowledgements: 'Ingen kvitteringer er bedt om.',
    deadlines: 'Ingen frister.',
    externalBodies: 'Ingen registrert.',
  },
  field: {
    when: 'Tidspunkt',
    who: 'Hvem',
    what: 'Hva',
    recorded: 'Registrert',
    recordedBy: 'Registrert av',
    made: 'Laget',
    madeBy: 'Laget av',
    filedBy: 'Meldt av',
    filed: 'Meldt',
    occurred: 'Skjedde',
    basis: 'Grunnlag',
    category: 'Kategori',
    description: 'Beskrivelse',
    intervened: 'Grep den som meldte inn?',
    intervention: 'Hvordan',
    registered: 'Registrert av rektor',
    performedBy: 'Utført av',
    summary: 'Sammendrag',
    namedPupils: 'Andre elever nevnt',
    concernsOthers: 'Gjelder andre elever',
    text: 'Tekst',
    measuresNeeded: 'Trengs tiltak?',
    reasoning: 'Begrunnelse',
    concluded: 'Konkludert',
    problem: 'Problemet tiltakene skal løse',
    measures: 'Tiltak',
    level: 'Nivå',
    period: 'Periode',
    evaluationOn: 'Evalueres',
    responsible: 'Gjennomføres av',
    pupilView: 'Elevens syn (§ 10-2)',
    parentsView: 'Foreldrenes syn',
    proposals: 'Forslag fra foreldrene',
    chosen: 'Valgt',
    notChosen: 'Ikke valgt',
    reasonNotChosen: 'Hvorfor ikke',
    planned: 'Planlagt dato',
    done: 'Gjennomført',
    evaluatedVersion: 'Evaluert planversjon',
    howCarriedOut: 'Hvordan tiltaket er gjennomført siden sist',
    effect: 'Hvilken virkning det har hatt for eleven',
    situationSafe: 'Har eleven det trygt og godt?',
    decision: 'Beslutning',
    nextEvaluation: 'Neste evaluering',
    revisedTo: 'Ny planversjon',
    sent: 'Sendt',
    to: 'Til',
    kind: 'Varsel',
    requested: 'Bedt om',
    acknowledged: 'Kvittert',
    notAcknowledged: 'Ikke kvittert',
    deadline: 'Frist',
    due: 'Forfall',
    state: 'Tilstand',
    met: 'Oppfylt',
    delayReason: 'Begrunnelse for forsinkelse',
    noDelayReason: 'Ingen skriftlig begrunnelse',
    document: 'Dokument',
    reason: 'Begrunnelse',
    conclusion: 'Konklusjon',
    leader: 'Leder',
    heldBy: 'Holdt av',
    wellbeing: 'Har eleven det trygt og godt på skolen?',
    note: 'Notat',
    filedThisCase: 'Svaret «nei» meldte denne saken',
    contactedOn: 'Dato for kontakt',
    involvement: 'Hva instansen var involvert i, og hvorfor',
  },
  status: { reported: 'Meldt', investigating: 'Under undersøkelse', measures: 'Tiltak pågår', closed: 'Avsluttet' },
  role: { principal: 'rektor', leader: 'leder', staff: 'ansatt', owner: 'skoleeier' },
  system: 'systemet',
  timelineKind: {
    report_filed: 'Bekymring meldt',
    acknowledged: 'Rektor registrerte meldingen',
    principal_knew: 'Rektor fikk selv vite om saken',
    delegated: 'Saken delegert',
    investigation_started: 'Undersøkelsen startet',
    investigation_step_recorded: 'Undersøkelsesskritt registrert',
    investigation_findings_recorded: 'Funn skrevet ned',
    best_interest_assessed: 'Barnets beste vurdert',
    investigation_concluded: 'Undersøkelsen avsluttet',
    marked_serious: 'Saken markert som alvorlig',
    owner_notice_sent: 'Skoleeieren varslet',
    owner_acknowledged: 'Skoleeieren kvitterte for varselet',
    plan_created: 'Aktivitetsplan laget',
    plan_revised: 'Aktivitetsplan revidert',
    evaluation_recorded: 'Evaluering registrert',
    delay_reason_recorded: 'Begrunnelse for forsinkelse skrevet',
    external_body_recorded: 'Ekstern instans registrert',
    closed: 'Saken avsluttet',
    reopened: 'Saken gjenåpnet',
  },
  stepKind: {
    conversation_with_pupil: 'Samtale med eleven',
    other_pupils: 'Samtale med andre elever',
    parents: 'Samtale med foreldrene',
    observation: 'Observasjon',
    survey: 'Undersøkelse/kartlegging',
    sociogram: 'Sosiogram',
    other: 'Annet',
  },
  externalBodyKind: {
    ppt: 'PPT (pedagogisk-psykologisk tjeneste)',
    child_welfare: 'Barnevernet',
    bup: 'BUP (barne- og ungdomspsykiatrien)',
    school_health: 'Helsesykepleier (skolehelsetjenesten)',
    police: 'Politiet',
    county_governor: 'Statsforvalteren',
    other: 'Annen instans',
  },
  assessmentKind: { findings: 'Funn', best_interest: 'Vurdering av barnets beste (§ 10-1)' },
  measureLevel: { individual: 'Elev (individnivå)', class: 'Klasse/gruppe', school: 'Skole', after_school: 'AKS/SFO' },
  decision: { continue: 'Fortsette', adjust: 'Justere (ny planversjon)', close: 'Avslutte saken' },
  deadlineKind: {
    acknowledge_report: 'Rektor registrerer meldingen',
    investigation_start: 'Undersøkelsen startes',
    investigation_conclude: 'Undersøkelsen avsluttes',
    plan: 'Aktivitetsplan lages',
    evaluation: 'Planen evalueres',
    measure_end: 'Tiltak evalueres etter periodens slutt',
    serious_owner_notice: 'Skoleeieren varsles om alvorlig sak',
    s12_5_notice: 'Skoleeieren varsles (§ 12-5)',
    owner_acknowledge: 'Skoleeieren kvitterer',
    enforcement_window: 'Saken kan meldes til Statsforvalteren',
  },
  deadlineState: {
    open: 'Åpen',
    missed: 'Oversittet',
    met: 'Oppfylt i tide',
    met_late: 'Oppfylt for sent',
    cancelled: 'Bortfalt',
  },
  noticeKind: {
    new_report: 'Ny melding',
    reminder: 'Påminnelse',
    escalation: 'Varsel om oversittet frist',
    owner_notice: 'Varsel til skoleeier',
    enforcement_window: 'Saken kan meldes til Statsforvalteren',
    conversation_summary: 'Oversikt over elevsamtaler',
  },
  basis: { suspicion: 'Mistanke', knowledge: 'Kjennskap' },
  reporterKind: { staff: 'Ansatt', sfo_aks: 'AKS/SFO', homework_help: 'Leksehjelp' },
  category: {
    bullying: 'Mobbing',
    exclusion: 'Utestenging',
    violence: 'Vold',
    harassment: 'Trakassering',
    racism: 'Rasisme',
    sexual: 'Seksuell trakassering',
    digital: 'Digital krenkelse',
    staff_violation: 'Krenkelse fra ansatt',
    other: 'Annet',
  },
  answer: { yes: 'Ja', no: 'Nei', unsure: 'Usikker' },
  termHalf: { autumn: 'høst', spring: 'vår' },
  document: {
    report: 'Melding',
    conversation: 'Elevsamtale',
    step: 'Undersøkelsesskritt',
    findings: 'Funn',
    best_interest: 'Vurdering av barnets beste',
    conclusion: 'Konklusjon av undersøkelsen',
    plan: 'Aktivitetsplan',
    evaluation: 'Evaluering',
    notice: 'Varsel',
    delay: 'Begrunnelse for forsinkelse',
    externalBody: 'Ekstern instans',
  },
  version: (n) => `versjon ${n}`,
  measure: (n) => `Tiltak ${n}`,
  recordedLater: (at) => `registrert ${at}`,
  stepTiming: (step) => stepTiming(step, 'nb'),
};

const nn: Labels = {
  title: 'Saksmappe',
  parentsCopy: 'Kopi til foreldra',
  parentsCopyNote:
    'Dette er kopien til foreldra. Namn på andre elevar er bytte ut med «[annan elev]», og opplysningar om andre elevar er tekne ut (teieplikt).',
  fullCopyNote: 'Full saksmappe til Statsforvaltaren. Inneheld opplysningar underlagde teieplikt.',
  confidential: 'Unnateke frå offentlegheit (offl. § 13, fvl. § 13)',
  page: (n, of) => `Side ${n} av ${of}`,
  front: {
    caseNumber: 'Saksnummer',
    pupil: 'Elev',
    status: 'Status',
    yes: 'Ja',
    school: 'Skule',
    owner: 'Skuleeigar',
    opened: 'Saka vart meld',
    principalKnew: 'Rektor fekk sjølv vite om saka',
    enforcementWindow: 'Saka kan meldast til Statsforvaltaren frå',
    caseLeader: 'Saksansvarleg',
    caseLeaderPrincipal: 'Rektor (ikkje delegert)',
    serious: 'Alvorleg sak',
    section12_5: 'Gjeld ein tilsett (§ 12-5)',
    accused: 'Tilsett saka gjeld',
    closed: 'Saka vart avslutta',
    assembled: 'Saksmappa vart laga',
    no: 'Nei',
  },
  completeness: {
    heading: 'Kompletthetssjekk (opplæringslova § 12-4)',
    intro: 'Dette manglar i dokumentasjonen før saksmappa blir send:',
    allOk: 'Det er ikkje funne noko som manglar.',
    ok: 'I orden',
    missing: 'Manglar',
  },
  subDuty: {
    folgje_med: 'Følgje med',
    gripe_inn: 'Gripe inn',
    melde_fra: 'Melde frå',
    undersokje: 'Undersøkje',
    tiltak: 'Setje inn tiltak og lage aktivitetsplan',
  },
  sections: {
    timeline: 'Tidslinje',
    conversations: 'Elevsamtalar (følgje med)',
    reports: 'Meldingar (melde frå og gripe inn)',
    investigation: 'Undersøkinga',
    steps: 'Kva skulen gjorde for å undersøkje',
    assessments: 'Funn og vurdering av barnets beste (§ 10-1)',
    conclusions: 'Konklusjon',
    plans: 'Aktivitetsplan – alle versjonar',
    evaluations: 'Evalueringar',
    notices: 'Varsel som er sende',
    acknowledgements: 'Kvitteringar frå skuleeigar',
    deadlines: 'Fristar og grunngivingar for forseinking',
    externalBodies: 'Eksterne instansar',
    documents: 'Oversikt over dokumenta og når dei vart laga',
  },
  empty: {
    timeline: 'Ingen hendingar er registrerte.',
    conversations: 'Ingen elevsamtalar er registrerte for eleven.',
    reports: 'Ingen meldingar er registrerte.',
    steps: 'Ingen undersøkingssteg er registrerte.',
    assessments: 'Ingen funn eller vurderingar er skrivne.',
    conclusions: 'Undersøkinga er ikkje avslutta.',
    plans: 'Det er ikkje laga nokon aktivitetsplan.',
    evaluations: 'Ingen evalueringar er registrerte.',
    notices: 'Ingen varsel er sende.',
    acknowledgements: 'Ingen kvitteringar er bedne om.',
    deadlines: 'Ingen fristar.',
    externalBodies: 'Ingen registrerte.',
  },
  field: {
    when: 'Tidspunkt',
    who: 'Kven',
    what: 'Kva',
    recorded: 'Registrert',
    recordedBy: 'Registrert av',
    made: 'Laga',
    madeBy: 'Laga av',
    filedBy: 'Meld av',
    filed: 'Meld',
    occurred: 'Skjedde',
    basis: 'Grunnlag',
    category: 'Kategori',
    description: 'Skildring',
    intervened: 'Greip den som melde, inn?',
    intervention: 'Korleis',
    registered: 'Registrert av rektor',
    performedBy: 'Utført av',
    summary: 'Samandrag',
    namedPupils: 'Andre elevar nemnde',
    concernsOthers: 'Gjeld andre elevar',
    text: 'Tekst',
    measuresNeeded: 'Trengst tiltak?',
    reasoning: 'Grunngiving',
    concluded: 'Konkludert',
    problem: 'Problemet tiltaka skal løyse',
    measures: 'Tiltak',
    level: 'Nivå',
    period: 'Periode',
    evaluationOn: 'Evaluerast',
    responsible: 'Gjennomførast av',
    pupilView: 'Synet til eleven (§ 10-2)',
    parentsView: 'Synet til foreldra',
    proposals: 'Forslag frå foreldra',
    chosen: 'Valt',
    notChosen: 'Ikkje valt',
    reasonNotChosen: 'Kvifor ikkje',
    planned: 'Planlagd dato',
    done: 'Gjennomført',
    evaluatedVersion: 'Evaluert planversjon',
    howCarriedOut: 'Korleis tiltaket er gjennomført sidan sist',
    effect: 'Kva verknad det har hatt for eleven',
    situationSafe: 'Har eleven det trygt og godt?',
    decision: 'Avgjerd',
    nextEvaluation: 'Neste evaluering',
    revisedTo: 'Ny planversjon',
    sent: 'Sendt',
    to: 'Til',
    kind: 'Varsel',
    requested: 'Bede om',
    acknowledged: 'Kvittert',
    notAcknowledged: 'Ikkje kvittert',
    deadline: 'Frist',
    due: 'Forfall',
    state: 'Tilstand',
    met: 'Oppfylt',
    delayReason: 'Grunngiving for forseinking',
    noDelayReason: 'Inga skriftleg grunngiving',
    document: 'Dokument',
    reason: 'Grunngiving',
    conclusion: 'Konklusjon',
    leader: 'Leiar',
    heldBy: 'Halden av',
    wellbeing: 'Har eleven det trygt og godt på skulen?',
    note: 'Notat',
    filedThisCase: 'Svaret «nei» melde denne saka',
    contactedOn: 'Dato for kontakt',
    involvement: 'Kva instansen var involvert i, og kvifor',
  },
  status: { reported: 'Meld', investigating: 'Under undersøking', measures: 'Tiltak held fram', closed: 'Avslutta' },
  role: { principal: 'rektor', leader: 'leiar', staff: 'tilsett', owner: 'skuleeigar' },
  system: 'systemet',
  timelineKind: {
    report_filed: 'Uro meld',
    acknowledged: 'Rektor registrerte meldinga',
    principal_knew: 'Rektor fekk sjølv vite om saka',
    delegated: 'Saka delegert',
    investigation_started: 'Undersøkinga starta',
    investigation_step_recorded: 'Undersøkingssteg registrert',
    investigation_findings_recorded: 'Funn skrivne ned',
    best_interest_assessed: 'Barnets beste vurdert',
    investigation_concluded: 'Undersøkinga avslutta',
    marked_serious: 'Saka merkt som alvorleg',
    owner_notice_sent: 'Skuleeigaren varsla',
    owner_acknowledged: 'Skuleeigaren kvitterte for varselet',
    plan_created: 'Aktivitetsplan laga',
    plan_revised: 'Aktivitetsplan revidert',
    evaluation_recorded: 'Evaluering registrert',
    delay_reason_recorded: 'Grunngiving for forseinking skriven',
    external_body_recorded: 'Ekstern instans registrert',
    closed: 'Saka avslutta',
    reopened: 'Saka opna att',
  },
  stepKind: {
    conversation_with_pupil: 'Samtale med eleven',
    other_pupils: 'Samtale med andre elevar',
    parents: 'Samtale med foreldra',
    observation: 'Observasjon',
    survey: 'Undersøking/kartlegging',
    sociogram: 'Sosiogram',
    other: 'Anna',
  },
  externalBodyKind: {
    ppt: 'PPT (pedagogisk-psykologisk teneste)',
    child_welfare: 'Barnevernet',
    bup: 'BUP (barne- og ungdomspsykiatrien)',
    school_health: 'Helsesjukepleiar (skulehelsetenesta)',
    police: 'Politiet',
    county_governor: 'Statsforvaltaren',
    other: 'Annan instans',
  },
  assessmentKind: { findings: 'Funn', best_interest: 'Vurdering av barnets beste (§ 10-1)' },
  measureLevel: { individual: 'Elev (individnivå)', class: 'Klasse/gruppe', school: 'Skule', after_school: 'AKS/SFO' },
  decision: { continue: 'Halde fram', adjust: 'Justere (ny planversjon)', close: 'Avslutte saka' },
  deadlineKind: {
    acknowledge_report: 'Rektor registrerer meldinga',
    investigation_start: 'Undersøkinga blir starta',
    investigation_conclude: 'Undersøkinga blir avslutta',
    plan: 'Aktivitetsplan blir laga',
    evaluation: 'Planen blir evaluert',
    measure_end: 'Tiltak blir evaluert etter at perioden er slutt',
    serious_owner_notice: 'Skuleeigaren blir varsla om alvorleg sak',
    s12_5_notice: 'Skuleeigaren blir varsla (§ 12-5)',
    owner_acknowledge: 'Skuleeigaren kvitterer',
    enforcement_window: 'Saka kan meldast til Statsforvaltaren',
  },
  deadlineState: {
    open: 'Open',
    missed: 'Oversitten',
    met: 'Oppfylt i tide',
    met_late: 'Oppfylt for seint',
    cancelled: 'Bortfallen',
  },
  noticeKind: {
    new_report: 'Ny melding',
    reminder: 'Påminning',
    escalation: 'Varsel om oversitten frist',
    owner_notice: 'Varsel til skuleeigar',
    enforcement_window: 'Saka kan meldast til Statsforvaltaren',
    conversation_summary: 'Oversikt over elevsamtalar',
  },
  basis: { suspicion: 'Mistanke', knowledge: 'Kjennskap' },
  reporterKind: { staff: 'Tilsett', sfo_aks: 'AKS/SFO', homework_help: 'Leksehjelp' },
  category: {
    bullying: 'Mobbing',
    exclusion: 'Utestenging',
    violence: 'Vald',
    harassment: 'Trakassering',
    racism: 'Rasisme',
    sexual: 'Seksuell trakassering',
    digital: 'Digital krenking',
    staff_violation: 'Krenking frå tilsett',
    other: 'Anna',
  },
  answer: { yes: 'Ja', no: 'Nei', unsure: 'Usikker' },
  termHalf: { autumn: 'haust', spring: 'vår' },
  document: {
    report: 'Melding',
    conversation: 'Elevsamtale',
    step: 'Undersøkingssteg',
    findings: 'Funn',
    best_interest: 'Vurdering av barnets beste',
    conclusion: 'Konklusjon av undersøkinga',
    plan: 'Aktivitetsplan',
    evaluation: 'Evaluering',
    notice: 'Varsel',
    delay: 'Grunngiving for forseinking',
    externalBody: 'Ekstern instans',
  },
  version: (n) => `versjon ${n}`,
  measure: (n) => `Tiltak ${n}`,
  recordedLater: (at) => `registrert ${at}`,
  stepTiming: (step) => stepTiming(step, 'nn'),
};

export function labels(lang: Lang): Labels {
  return lang === 'nn' ? nn : nb;
}

/** 'remind-3d-case_leader' → "3 skoledager før fristen"; unknown keys are shown as they are. */
function stepTiming(step: string, lang: Lang): string {
  const days = (n: string) => (lang === 'nn' ? `${n} skuledagar` : `${n} skoledager`);
  let m: RegExpExecArray | null;
  if ((m = /^remind-(\d+)d/.exec(step))) return `${days(m[1]!)} før fristen`;
  if (step.startsWith('on-day')) return 'på forfallsdagen';
  if (step.startsWith('escalate-now') || step.startsWith('resend-now')) return lang === 'nn' ? 'straks fristen gjekk ut' : 'straks fristen gikk ut';
  if ((m = /^(?:escalate|resend)-(\d+)d/.exec(step))) return `${days(m[1]!)} etter fristen`;
  if (step.startsWith('notice') || step === 'new-report') return 'straks';
  return step;
}
