import type { Dictionary } from './types';

/** Bokmål — the default. */
export const nb: Dictionary = {
  lang: 'nb',
  common: {
    caseNumber: 'Saksnummer',
    pupilInitials: 'Elev (initialer)',
    school: 'Skole',
    due: 'Frist',
    aboutTheCase: 'Om saken',
    yes: 'Ja',
    no: 'Nei',
    openCase: (caseNumber) => `Åpne sak ${caseNumber} i trygg`,
    pupils: (count) => (count === 1 ? '1 elev' : `${count} elever`),
    andMore: (count) => `og ${count} til`,
    term: { autumn: 'høsthalvåret', spring: 'vårhalvåret' },
    footer: [
      'Av hensyn til taushetsplikten står det ikke navn på elever i e-poster fra trygg. Alle opplysninger finner du når du logger inn.',
      'Denne e-posten er sendt automatisk. Svar på den blir ikke lest.',
    ],
  },
  deadlines: {
    acknowledge_report: {
      task: 'registrere meldingen',
      imperative: 'Registrer meldingen',
      overdue: 'Meldingen er ikke registrert',
      why: 'Rektor skal ta imot meldingen og sørge for at saken blir fulgt opp (§ 12-4).',
    },
    investigation_start: {
      task: 'starte undersøkelsen',
      imperative: 'Start undersøkelsen',
      overdue: 'Undersøkelsen er ikke startet',
      why: 'Skolen skal undersøke saken snarest (§ 12-4). En forsinkelse må begrunnes skriftlig.',
    },
    investigation_conclude: {
      task: 'avslutte undersøkelsen',
      imperative: 'Avslutt undersøkelsen',
      overdue: 'Undersøkelsen er ikke avsluttet',
      why: 'Undersøkelsen skal avsluttes og konklusjonen dokumenteres, slik at tiltak kan settes inn.',
    },
    plan: {
      task: 'lage aktivitetsplan',
      imperative: 'Lag aktivitetsplan',
      overdue: 'Aktivitetsplanen er ikke laget',
      why: 'Skolen skal lage en skriftlig aktivitetsplan når det settes inn tiltak – senest samtidig med det første tiltaket (§ 12-4).',
    },
    evaluation: {
      task: 'evaluere aktivitetsplanen',
      imperative: 'Evaluer aktivitetsplanen',
      overdue: 'Aktivitetsplanen er ikke evaluert',
      why: 'Evalueringen gjøres sammen med eleven og foreldrene: Hvordan ble tiltakene gjennomført, og hvilken virkning hadde de for eleven?',
    },
    measure_end: {
      task: 'evaluere tiltak som er avsluttet',
      imperative: 'Evaluer tiltak som er avsluttet',
      overdue: 'Et avsluttet tiltak er ikke evaluert',
      why: 'Tiltaksperioden er over. Vurder sammen med eleven om tiltaket skal fortsette, justeres eller avsluttes.',
    },
    serious_owner_notice: {
      task: 'varsle skoleeier om den alvorlige saken',
      imperative: 'Varsle skoleeier om den alvorlige saken',
      overdue: 'Skoleeier er ikke varslet om den alvorlige saken',
      why: 'Rektor skal varsle skoleeier i alvorlige saker (§ 12-4), samme skoledag som saken blir markert som alvorlig.',
    },
    pupil_conversation: {
      task: 'gjennomføre elevsamtaler',
      imperative: 'Gjennomfør elevsamtaler',
      overdue: 'Elevsamtaler er ikke gjennomført',
      why: 'Hver elev har rett til en planlagt elevsamtale hvert halvår. Spør om eleven har det trygt og godt på skolen.',
    },
  },
  newReport: {
    subject: ({ caseNumber, schoolName, serious, s12_5 }) =>
      `${s12_5 ? '§ 12-5 – handle straks: ' : serious ? 'Alvorlig sak: ' : ''}Ny melding i sak ${caseNumber} – ${schoolName}`,
    heading: (caseNumber) => `Ny melding i sak ${caseNumber}`,
    intro: ({ basis, schoolName }) =>
      `En ansatt har meldt fra om ${basis === 'suspicion' ? 'mistanke om' : 'kjennskap til'} at en elev ved ${schoolName} ikke har det trygt og godt på skolen.`,
    experienceDecides: 'Det er elevens egen opplevelse som avgjør. Meldingen krever ingen bevis.',
    reportedAt: 'Meldt',
    basisLabel: 'Grunnlag',
    basis: { suspicion: 'Mistanke', knowledge: 'Kjennskap' },
    seriousLabel: 'Alvorlig sak',
    s12_5Label: 'Ansatt som krenker elev (§ 12-5)',
    acknowledgeBy: 'Registrer innen',
    seriousNotice: {
      title: 'Alvorlig sak',
      text: 'Rektor skal varsle skoleeier samme skoledag (§ 12-4). Er skoleeier ikke varslet etter én skoledag, varsler trygg skoleeier.',
    },
    s12_5Notice: {
      title: 'Mistanke om at en ansatt krenker en elev (§ 12-5)',
      text: 'Skoleeier skal varsles straks, og undersøkelse og tiltak skal starte straks – også i ferier. Den ansatte saken gjelder, får ikke se saken.',
    },
  },
  reminder: {
    subjectAhead: (what, dueDate) => `Påminnelse: ${what} – frist ${dueDate}`,
    subjectToday: (what) => `Frist i dag: ${what}`,
    caseWhat: (imperative, caseNumber) => `${imperative} i sak ${caseNumber}`,
    caseHeading: (imperative, caseNumber) => `${imperative} – sak ${caseNumber}`,
    caseIntroAhead: (task, caseNumber, due) => `Fristen for å ${task} i sak ${caseNumber} er ${due}.`,
    caseIntroToday: (task, caseNumber, due) => `I dag går fristen ut for å ${task} i sak ${caseNumber}: ${due}.`,
    clockRuns: 'Fristen løper også mens dere venter på foreldrene eller andre.',
    because: {
      case_leader: 'Du får denne påminnelsen fordi du er saksansvarlig.',
      measure_owners: 'Du får denne påminnelsen fordi du er ansvarlig for et tiltak i saken.',
      principal: 'Du får denne påminnelsen fordi du er rektor ved skolen.',
      contact_teacher: 'Du får denne påminnelsen fordi du er kontaktlærer.',
    },
    conversationsWhat: (pupils) => `${pupils} mangler elevsamtale`,
    conversationsHeading: 'Elevsamtaler som gjenstår',
    conversationsIntro: ({ pupils, schoolName, term, due }) =>
      `${pupils} ved ${schoolName} har ennå ikke hatt elevsamtale i ${term}. Fristen er ${due}.`,
    todayPrefix: 'Fristen går ut i dag.',
    pupilsWithout: 'Elever uten elevsamtale',
    pupilsInitials: 'Elever (initialer)',
    openConversations: (schoolName) => `Se elevsamtalene ved ${schoolName} i trygg`,
  },
  escalation: {
    subject: (overdue, caseNumber, schoolName) => `Over fristen: ${overdue} – sak ${caseNumber}, ${schoolName}`,
    intro: (task, caseNumber, since) => `Fristen for å ${task} i sak ${caseNumber} gikk ut ${since}.`,
    ownerIntro: (task, caseNumber, schoolName, since) =>
      `Fristen for å ${task} i sak ${caseNumber} ved ${schoolName} gikk ut ${since}, og saken er ikke fulgt opp ved skolen.`,
    schoolDaysSince: (days) => `Det er ${days} ${days === 1 ? 'skoledag' : 'skoledager'} siden.`,
    principalWhy:
      'Som rektor har du ansvaret for saken, også når oppgaven er delegert. En frist som er passert, blir stående som passert: Skriv begrunnelsen for forsinkelsen i saken.',
    ownerWhy:
      'Du får dette varselet som skoleeier fordi fristen ikke er fulgt opp ved skolen. Skoleeier har ansvaret for at skolene oppfyller aktivitetsplikten. Av hensyn til taushetsplikten står det ingen opplysninger om eleven her.',
    overdueSince: 'Fristen gikk ut',
    schoolDaysOverdue: 'Skoledager over fristen',
    caseLeader: 'Saksansvarlig',
  },
  ownerNotice: {
    subject: ({ noticeKind, caseNumber, schoolName, resend }) =>
      `${resend ? 'Ikke bekreftet, sendt på nytt: ' : ''}${
        noticeKind === 's12_5'
          ? `§ 12-5-sak ved ${schoolName} – bekreft mottak straks (sak ${caseNumber})`
          : `Alvorlig sak ved ${schoolName} – bekreft mottak (sak ${caseNumber})`
      }`,
    heading: {
      serious: 'Varsel om alvorlig sak',
      s12_5: 'Varsel: mistanke om at en ansatt krenker en elev (§ 12-5)',
    },
    intro: ({ noticeKind, caseNumber, schoolName, when }) =>
      noticeKind === 's12_5'
        ? `Det er meldt mistanke om at en ansatt ved ${schoolName} har krenket en elev (sak ${caseNumber}, meldt ${when}). Skoleeier skal varsles straks, og undersøkelse og tiltak skal starte straks (§ 12-5).`
        : `Sak ${caseNumber} ved ${schoolName} ble markert som alvorlig ${when}. Rektor skal varsle skoleeier i alvorlige saker (§ 12-4).`,
    leadership: {
      title: 'Mistanken gjelder noen i skolens ledelse',
      text: 'Saken er derfor sendt direkte til skoleeier, og skolens ledelse ser den ikke. Skoleeier må selv sørge for undersøkelse og tiltak.',
    },
    resend: (firstSent) => ({
      title: 'Varselet er ikke bekreftet',
      text: `${firstSent ? `Varselet ble først sendt ${firstSent}` : 'Varselet ble sendt for mer enn én skoledag siden'} og er ikke bekreftet. Det sendes nå på nytt, også til skoleeiers andre kontaktperson.`,
    }),
    askAck:
      'Bekreft at du har mottatt varselet. Er det ikke bekreftet innen én skoledag, sendes det på nytt, også til skoleeiers andre kontaktperson.',
    kindLabel: 'Type varsel',
    kind: { serious: 'Alvorlig sak (§ 12-4)', s12_5: 'Ansatt som krenker elev (§ 12-5)' },
    occurredAt: { serious: 'Markert som alvorlig', s12_5: 'Meldt' },
    acknowledgeBy: 'Bekreft innen',
    firstSentAt: 'Først sendt',
    ackAction: 'Bekreft mottak av varselet i trygg',
  },
  conversationSummary: {
    subject: (pupils, schoolName) => `Elevsamtaler over fristen ved ${schoolName}: ${pupils}`,
    heading: 'Elevsamtaler over fristen',
    intro: ({ asOf, pupils, schoolName, term, due }) =>
      `Per ${asOf} har ${pupils} ved ${schoolName} ikke hatt elevsamtale i ${term}. Fristen var ${due}.`,
    daily: 'Du får én samlet oversikt hver skoledag så lenge noen mangler samtale – ikke én e-post per elev.',
    perTeacher: 'Per kontaktlærer',
    caption: 'Elever uten elevsamtale, per kontaktlærer',
    total: 'Elever uten elevsamtale',
    noTeacher: 'Uten kontaktlærer',
    open: (schoolName) => `Se elevsamtalene ved ${schoolName} i trygg`,
  },
  enforcementWindow: {
    subject: (caseNumber) => `Sak ${caseNumber} kan nå tas til Statsforvalteren – aktivitetsplan mangler`,
    heading: 'Saken kan nå tas til Statsforvalteren',
    intro: ({ caseNumber, aware, opens }) =>
      `Rektor ble kjent med sak ${caseNumber} ${aware}. Fra ${opens} kan eleven eller foreldrene ta saken til Statsforvalteren (§ 12-6).`,
    noPlan:
      'Saken har ennå ingen aktivitetsplan. Dokumentasjonen må være klar til å sendes til Statsforvalteren: Lag aktivitetsplanen nå.',
    principalAwareAt: 'Rektor kjent med saken',
    windowOpensAt: 'Kan tas til Statsforvalteren fra',
  },
  weeklyDigest: {
    subject: (week, year, ownerName) => `Ukeoversikt uke ${week} ${year} – ${ownerName}`,
    heading: (week, ownerName) => `Ukeoversikt for ${ownerName}, uke ${week}`,
    intro: ({ schools, week, range }) =>
      `Tall for ${schools === 1 ? '1 skole' : `${schools} skoler`} i uke ${week} (${range}).`,
    privacy: 'Oversikten inneholder bare tall – ingen navn og ingen fritekst. Antall § 12-5-saker under 5 vises som «<5».',
    summaryCaption: 'Alle skoler',
    schoolsLabel: 'Skoler',
    overdueTotal: 'Frister som er passert (undersøkelse, plan, evaluering)',
    silentSchools: 'Stille skoler (ingen meldinger dette halvåret)',
    noSchools: 'Ingen skoler er registrert.',
    schoolCaption: (schoolName) => `Tall for ${schoolName}`,
    row: {
      newReports: 'Nye meldinger denne uken',
      openReported: 'Åpne saker – meldt',
      openInvestigating: 'Åpne saker – under undersøkelse',
      openMeasures: 'Åpne saker – tiltak satt inn',
      overdueInvestigations: 'Undersøkelser over fristen',
      overduePlans: 'Aktivitetsplaner over fristen',
      overdueEvaluations: 'Evalueringer over fristen',
      seriousOpen: 'Åpne alvorlige saker',
      s12_5Open: 'Åpne § 12-5-saker',
      closedThisWeek: 'Avsluttet denne uken',
      conversationsHeld: 'Elevsamtaler gjennomført dette halvåret',
      pastEnforcementWindow: 'Saker uten aktivitetsplan som kan tas til Statsforvalteren (§ 12-6)',
      medianToInvestigation: 'Median dager fra melding til undersøkelse',
      medianToPlan: 'Median dager fra melding til aktivitetsplan',
    },
    silent: {
      title: 'Stille skole: ingen meldinger dette halvåret',
      text: 'Statsforvalteren leser stillhet som et risikosignal, ikke som et tegn på at elevene har det trygt. Undersøk om de ansatte kjenner meldeplikten og bruker den.',
    },
    openSchool: (schoolName) => `Åpne ${schoolName} i trygg`,
    openOverview: (week) => `Åpne oversikten for uke ${week} i trygg`,
  },
};
