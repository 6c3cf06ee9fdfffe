import type { Dictionary } from './types';

/** Nynorsk — where the owner or school chooses it. */
export const nn: Dictionary = {
  lang: 'nn',
  common: {
    caseNumber: 'Saksnummer',
    pupilInitials: 'Elev (initialar)',
    school: 'Skule',
    due: 'Frist',
    aboutTheCase: 'Om saka',
    yes: 'Ja',
    no: 'Nei',
    openCase: (caseNumber) => `Opne sak ${caseNumber} i trygg`,
    pupils: (count) => (count === 1 ? '1 elev' : `${count} elevar`),
    andMore: (count) => `og ${count} til`,
    term: { autumn: 'hausthalvåret', spring: 'vårhalvåret' },
    footer: [
      'Av omsyn til teieplikta står det ikkje namn på elevar i e-postar frå trygg. Alle opplysningane finn du når du loggar inn.',
      'Denne e-posten er send automatisk. Svar på han blir ikkje lesne.',
    ],
  },
  deadlines: {
    acknowledge_report: {
      task: 'registrere meldinga',
      imperative: 'Registrer meldinga',
      overdue: 'Meldinga er ikkje registrert',
      why: 'Rektor skal ta imot meldinga og sørgje for at saka blir følgd opp (§ 12-4).',
    },
    investigation_start: {
      task: 'starte undersøkinga',
      imperative: 'Start undersøkinga',
      overdue: 'Undersøkinga er ikkje starta',
      why: 'Skulen skal undersøkje saka snarast (§ 12-4). Ei forseinking må grunngivast skriftleg.',
    },
    investigation_conclude: {
      task: 'avslutte undersøkinga',
      imperative: 'Avslutt undersøkinga',
      overdue: 'Undersøkinga er ikkje avslutta',
      why: 'Undersøkinga skal avsluttast og konklusjonen dokumenterast, slik at tiltak kan setjast inn.',
    },
    plan: {
      task: 'lage aktivitetsplan',
      imperative: 'Lag aktivitetsplan',
      overdue: 'Aktivitetsplanen er ikkje laga',
      why: 'Skulen skal lage ein skriftleg aktivitetsplan når det blir sett inn tiltak – seinast saman med det første tiltaket (§ 12-4).',
    },
    evaluation: {
      task: 'evaluere aktivitetsplanen',
      imperative: 'Evaluer aktivitetsplanen',
      overdue: 'Aktivitetsplanen er ikkje evaluert',
      why: 'Evalueringa blir gjord saman med eleven og foreldra: Korleis blei tiltaka gjennomførte, og kva verknad hadde dei for eleven?',
    },
    measure_end: {
      task: 'evaluere tiltak som er avslutta',
      imperative: 'Evaluer tiltak som er avslutta',
      overdue: 'Eit avslutta tiltak er ikkje evaluert',
      why: 'Tiltaksperioden er over. Vurder saman med eleven om tiltaket skal halde fram, justerast eller avsluttast.',
    },
    serious_owner_notice: {
      task: 'varsle skuleeigaren om den alvorlege saka',
      imperative: 'Varsle skuleeigaren om den alvorlege saka',
      overdue: 'Skuleeigaren er ikkje varsla om den alvorlege saka',
      why: 'Rektor skal varsle skuleeigaren i alvorlege saker (§ 12-4), same skuledag som saka blir merkt som alvorleg.',
    },
    pupil_conversation: {
      task: 'gjennomføre elevsamtalar',
      imperative: 'Gjennomfør elevsamtalar',
      overdue: 'Elevsamtalar er ikkje gjennomførte',
      why: 'Kvar elev har rett til ein planlagd elevsamtale kvart halvår. Spør om eleven har det trygt og godt på skulen.',
    },
  },
  newReport: {
    subject: ({ caseNumber, schoolName, serious, s12_5 }) =>
      `${s12_5 ? '§ 12-5 – handle straks: ' : serious ? 'Alvorleg sak: ' : ''}Ny melding i sak ${caseNumber} – ${schoolName}`,
    heading: (caseNumber) => `Ny melding i sak ${caseNumber}`,
    intro: ({ basis, schoolName }) =>
      `Ein tilsett har meldt frå om ${basis === 'suspicion' ? 'mistanke om' : 'kjennskap til'} at ein elev ved ${schoolName} ikkje har det trygt og godt på skulen.`,
    experienceDecides: 'Det er eleven si eiga oppleving som avgjer. Meldinga krev ingen prov.',
    reportedAt: 'Meldt',
    basisLabel: 'Grunnlag',
    basis: { suspicion: 'Mistanke', knowledge: 'Kjennskap' },
    seriousLabel: 'Alvorleg sak',
    s12_5Label: 'Tilsett som krenkjer elev (§ 12-5)',
    acknowledgeBy: 'Registrer innan',
    seriousNotice: {
      title: 'Alvorleg sak',
      text: 'Rektor skal varsle skuleeigaren same skuledag (§ 12-4). Er skuleeigaren ikkje varsla etter éin skuledag, varslar trygg skuleeigaren.',
    },
    s12_5Notice: {
      title: 'Mistanke om at ein tilsett krenkjer ein elev (§ 12-5)',
      text: 'Skuleeigaren skal varslast straks, og undersøking og tiltak skal starte straks – også i feriar. Den tilsette saka gjeld, får ikkje sjå saka.',
    },
  },
  reminder: {
    subjectAhead: (what, dueDate) => `Påminning: ${what} – frist ${dueDate}`,
    subjectToday: (what) => `Frist i dag: ${what}`,
    caseWhat: (imperative, caseNumber) => `${imperative} i sak ${caseNumber}`,
    caseHeading: (imperative, caseNumber) => `${imperative} – sak ${caseNumber}`,
    caseIntroAhead: (task, caseNumber, due) => `Fristen for å ${task} i sak ${caseNumber} er ${due}.`,
    caseIntroToday: (task, caseNumber, due) => `I dag går fristen ut for å ${task} i sak ${caseNumber}: ${due}.`,
    clockRuns: 'Fristen går også medan de ventar på foreldra eller andre.',
    because: {
      case_leader: 'Du får denne påminninga fordi du er saksansvarleg.',
      measure_owners: 'Du får denne påminninga fordi du er ansvarleg for eit tiltak i saka.',
      principal: 'Du får denne påminninga fordi du er rektor ved skulen.',
      contact_teacher: 'Du får denne påminninga fordi du er kontaktlærar.',
    },
    conversationsWhat: (pupils) => `${pupils} manglar elevsamtale`,
    conversationsHeading: 'Elevsamtalar som står att',
    conversationsIntro: ({ pupils, schoolName, term, due }) =>
      `${pupils} ved ${schoolName} har enno ikkje hatt elevsamtale i ${term}. Fristen er ${due}.`,
    todayPrefix: 'Fristen går ut i dag.',
    pupilsWithout: 'Elevar utan elevsamtale',
    pupilsInitials: 'Elevar (initialar)',
    openConversations: (schoolName) => `Sjå elevsamtalane ved ${schoolName} i trygg`,
  },
  escalation: {
    subject: (overdue, caseNumber, schoolName) => `Over fristen: ${overdue} – sak ${caseNumber}, ${schoolName}`,
    intro: (task, caseNumber, since) => `Fristen for å ${task} i sak ${caseNumber} gjekk ut ${since}.`,
    ownerIntro: (task, caseNumber, schoolName, since) =>
      `Fristen for å ${task} i sak ${caseNumber} ved ${schoolName} gjekk ut ${since}, og saka er ikkje følgd opp ved skulen.`,
    schoolDaysSince: (days) => `Det er ${days} ${days === 1 ? 'skuledag' : 'skuledagar'} sidan.`,
    principalWhy:
      'Som rektor har du ansvaret for saka, også når oppgåva er delegert. Ein frist som er passert, blir ståande som passert: Skriv grunngivinga for forseinkinga i saka.',
    ownerWhy:
      'Du får dette varselet som skuleeigar fordi fristen ikkje er følgd opp ved skulen. Skuleeigaren har ansvaret for at skulane oppfyller aktivitetsplikta. Av omsyn til teieplikta står det ingen opplysningar om eleven her.',
    overdueSince: 'Fristen gjekk ut',
    schoolDaysOverdue: 'Skuledagar over fristen',
    caseLeader: 'Saksansvarleg',
  },
  ownerNotice: {
    subject: ({ noticeKind, caseNumber, schoolName, resend }) =>
      `${resend ? 'Ikkje stadfesta, send på nytt: ' : ''}${
        noticeKind === 's12_5'
          ? `§ 12-5-sak ved ${schoolName} – stadfest mottak straks (sak ${caseNumber})`
          : `Alvorleg sak ved ${schoolName} – stadfest mottak (sak ${caseNumber})`
      }`,
    heading: {
      serious: 'Varsel om alvorleg sak',
      s12_5: 'Varsel: mistanke om at ein tilsett krenkjer ein elev (§ 12-5)',
    },
    intro: ({ noticeKind, caseNumber, schoolName, when }) =>
      noticeKind === 's12_5'
        ? `Det er meldt mistanke om at ein tilsett ved ${schoolName} har krenkt ein elev (sak ${caseNumber}, meldt ${when}). Skuleeigaren skal varslast straks, og undersøking og tiltak skal starte straks (§ 12-5).`
        : `Sak ${caseNumber} ved ${schoolName} blei merkt som alvorleg ${when}. Rektor skal varsle skuleeigaren i alvorlege saker (§ 12-4).`,
    leadership: {
      title: 'Mistanken gjeld nokon i leiinga ved skulen',
      text: 'Saka er difor send direkte til skuleeigaren, og leiinga ved skulen ser henne ikkje. Skuleeigaren må sjølv sørgje for undersøking og tiltak.',
    },
    resend: (firstSent) => ({
      title: 'Varselet er ikkje stadfesta',
      text: `${firstSent ? `Varselet blei først sendt ${firstSent}` : 'Varselet blei sendt for meir enn éin skuledag sidan'} og er ikkje stadfesta. Det blir no sendt på nytt, også til den andre kontaktpersonen til skuleeigaren.`,
    }),
    askAck:
      'Stadfest at du har fått varselet. Er det ikkje stadfesta innan éin skuledag, blir det sendt på nytt, også til den andre kontaktpersonen til skuleeigaren.',
    kindLabel: 'Type varsel',
    kind: { serious: 'Alvorleg sak (§ 12-4)', s12_5: 'Tilsett som krenkjer elev (§ 12-5)' },
    occurredAt: { serious: 'Merkt som alvorleg', s12_5: 'Meldt' },
    acknowledgeBy: 'Stadfest innan',
    firstSentAt: 'Først sendt',
    ackAction: 'Stadfest mottak av varselet i trygg',
  },
  conversationSummary: {
    subject: (pupils, schoolName) => `Elevsamtalar over fristen ved ${schoolName}: ${pupils}`,
    heading: 'Elevsamtalar over fristen',
    intro: ({ asOf, pupils, schoolName, term, due }) =>
      `Per ${asOf} har ${pupils} ved ${schoolName} ikkje hatt elevsamtale i ${term}. Fristen var ${due}.`,
    daily: 'Du får éi samla oversikt kvar skuledag så lenge nokon manglar samtale – ikkje éin e-post per elev.',
    perTeacher: 'Per kontaktlærar',
    caption: 'Elevar utan elevsamtale, per kontaktlærar',
    total: 'Elevar utan elevsamtale',
    noTeacher: 'Utan kontaktlærar',
    open: (schoolName) => `Sjå elevsamtalane ved ${schoolName} i trygg`,
  },
  enforcementWindow: {
    subject: (caseNumber) => `Sak ${caseNumber} kan no takast til Statsforvaltaren – aktivitetsplan manglar`,
    heading: 'Saka kan no takast til Statsforvaltaren',
    intro: ({ caseNumber, aware, opens }) =>
      `Rektor blei kjend med sak ${caseNumber} ${aware}. Frå ${opens} kan eleven eller foreldra ta saka til Statsforvaltaren (§ 12-6).`,
    noPlan:
      'Saka har enno ingen aktivitetsplan. Dokumentasjonen må vere klar til å sendast til Statsforvaltaren: Lag aktivitetsplanen no.',
    principalAwareAt: 'Rektor kjend med saka',
    windowOpensAt: 'Kan takast til Statsforvaltaren frå',
  },
  weeklyDigest: {
    subject: (week, year, ownerName) => `Vekeoversikt veke ${week} ${year} – ${ownerName}`,
    heading: (week, ownerName) => `Vekeoversikt for ${ownerName}, veke ${week}`,
    intro: ({ schools, week, range }) =>
      `Tal for ${schools === 1 ? '1 skule' : `${schools} skular`} i veke ${week} (${range}).`,
    privacy: 'Oversikta inneheld berre tal – ingen namn og inga fritekst. Tal på § 12-5-saker under 5 blir viste som «<5».',
    summaryCaption: 'Alle skular',
    schoolsLabel: 'Skular',
    overdueTotal: 'Fristar som er passerte (undersøking, plan, evaluering)',
    silentSchools: 'Stille skular (ingen meldingar dette halvåret)',
    noSchools: 'Ingen skular er registrerte.',
    schoolCaption: (schoolName) => `Tal for ${schoolName}`,
    row: {
      newReports: 'Nye meldingar denne veka',
      openReported: 'Opne saker – meldt',
      openInvestigating: 'Opne saker – under undersøking',
      openMeasures: 'Opne saker – tiltak sette inn',
      overdueInvestigations: 'Undersøkingar over fristen',
      overduePlans: 'Aktivitetsplanar over fristen',
      overdueEvaluations: 'Evalueringar over fristen',
      seriousOpen: 'Opne alvorlege saker',
      s12_5Open: 'Opne § 12-5-saker',
      closedThisWeek: 'Avslutta denne veka',
      conversationsHeld: 'Elevsamtalar gjennomførte dette halvåret',
      pastEnforcementWindow: 'Saker utan aktivitetsplan som kan takast til Statsforvaltaren (§ 12-6)',
      medianToInvestigation: 'Median dagar frå melding til undersøking',
      medianToPlan: 'Median dagar frå melding til aktivitetsplan',
    },
    silent: {
      title: 'Stille skule: ingen meldingar dette halvåret',
      text: 'Statsforvaltaren les stille som eit risikoteikn, ikkje som eit teikn på at elevane har det trygt. Undersøk om dei tilsette kjenner meldeplikta og brukar henne.',
    },
    openSchool: (schoolName) => `Opne ${schoolName} i trygg`,
    openOverview: (week) => `Opne oversikta for veke ${week} i trygg`,
  },
};
