import type { Messages } from './messages.ts'

// The Dutch catalog: the same keys and parameters as en.ts (`satisfies Messages`; a test also
// compares each function's number of parameters). Short and plain: an agent reads it mid-call.
// The server's own Message is never translated.

const NOT_CONFIRMED = 'opnamestatus niet bevestigd — neem geen kaartgegevens aan'

// Times and numbers in the browser's own Dutch (nl-NL, nl-BE) when it lists one, else 'nl'.
const LOCALE =
  (typeof navigator === 'object' ? navigator.languages : []).find((tag) => /^nl\b/i.test(tag)) ??
  'nl'
const n = (value: number) => value.toLocaleString(LOCALE)

const HUB: Record<string, string> = {
  Connected: 'Live',
  Connecting: 'Verbinden…',
  Reconnecting: 'Opnieuw verbinden…',
  Disconnected: 'Offline — probeert opnieuw',
}
const ACTION: Record<string, [string, string]> = {
  start: ['Starten', 'Wordt gestart…'],
  resume: ['Hervatten', 'Wordt hervat…'],
  pause: ['Pauzeren', 'Wordt gepauzeerd…'],
  stop: ['Stoppen', 'Wordt gestopt…'],
  save: ['Bewaren', 'Wordt bewaard…'],
  delete: ['Verwijderen', 'Wordt verwijderd…'],
  mark: ['Markeren', 'Wordt gemarkeerd…'],
  unmark: ['Markering weg', 'Markering gaat weg…'],
}
// The service's action names (Start, UnMark…), as the board's event log and "last change" show them.
const ACTION_NAME: Record<string, string> = {
  Start: 'Start',
  Stop: 'Stop',
  Pause: 'Pauze',
  Save: 'Bewaren',
  Delete: 'Verwijderen',
  Mark: 'Markering',
  UnMark: 'Markering weg',
}
const INDICATOR: Record<string, string> = {
  recording: 'Opname loopt',
  paused: 'Gepauzeerd',
  stopped: 'Gestopt',
  'not-started': 'Niet gestart',
  unverified: 'Niet bevestigd',
  'call-unknown': 'Gesprek niet gevonden',
  'call-ended': 'Gesprek beëindigd',
}
// Why a sign-in or a token renewal did not work (src/auth/sign-in-problem.ts: ProblemKind): title, what to do.
const AUTH_PROBLEM: Record<string, [string, string]> = {
  unreachable: [
    'De aanmelddienst is niet bereikbaar',
    'Hij antwoordde niet, of meldde dat hij nu niet beschikbaar is. Probeer het zo opnieuw; blijft dit zo, meld het dan je beheerder.',
  ],
  refused: [
    'De aanmelddienst heeft je niet aangemeld',
    'Probeer het opnieuw; blijft dit zo, vraag je beheerder of je account het opnamepaneel mag gebruiken.',
  ],
  ended: ['Je aanmelding is verlopen', 'Meld je opnieuw aan om verder te gaan.'],
  rejected: [
    'De opnamedienst accepteert je aanmelding niet',
    'Hij weigerde het token van de aanmelddienst (bedoeld voor een andere dienst, of van een andere aanmelddienst). Meld je opnieuw aan; blijft dit zo, meld het dan je beheerder.',
  ],
  failed: [
    'Aanmelden kon niet worden afgerond',
    'Probeer het opnieuw; blijft dit zo, meld het dan je beheerder.',
  ],
}
const ADVICE: Record<string, string> = {
  recording: 'Het gesprek wordt opgenomen. Pauzeer voordat de beller kaartgegevens geeft.',
  paused: 'Opname gepauzeerd: kaartgegevens aannemen is veilig. Hervat als je klaar bent.',
  stopped: 'De recorder is gestopt: dit deel van het gesprek wordt niet opgenomen.',
  'not-started': 'De recorder is voor dit gesprek niet gestart.',
  'call-unknown': `De opnamedienst kent dit gesprek niet — ${NOT_CONFIRMED}.`,
}
const HTTP_ERROR: Record<number, string> = {
  401: 'De opnamedienst vraagt om aanmelden (401). Meld je opnieuw aan en probeer het nog eens.',
  403: 'De opnamedienst weigerde de toegang (403). Vraag je beheerder om toestemming.',
  404: 'De opnamedienst kent dit adres niet (404). Controleer de instellingen van het paneel (apiBaseUrl, apiVersion).',
}
const SERVER_ERROR: Record<string, string> = {
  Configuration:
    'Het contactcenter is niet ingericht om dit toe te staan (configuratiefout). Vraag je beheerder.',
  Validation:
    'De opnamedienst weigerde het verzoek als ongeldig (validatiefout): het gesprek, contactcenter of de agent werd niet herkend.',
  Processing:
    'De recorder kan dit nu niet (verwerkingsfout). De status staat zoals de server die meldt.',
}
const STATE: Record<string, string> = {
  'recording.Started': 'Opname loopt',
  'recording.Paused': 'Gepauzeerd',
  'recording.Stopped': 'Gestopt',
  'recording.Uninitialized': 'Niet gestart',
  'marking.None': 'Niet gemarkeerd',
  'marking.Mark': 'Gemarkeerd voor controle',
  'marking.Unmark': 'Markering verwijderd',
  'saving.None': 'Nog geen besluit',
  'saving.Save': 'Bewaard',
  'saving.Delete': 'Gemarkeerd voor verwijdering',
}
const BY: Record<string, string> = {
  agent: 'door jou',
  'auto-resume': 'automatisch',
  supervisor: 'door een supervisor',
  host: 'door de desktop',
  other: 'door een andere partij',
}
// The board's words for the service's own state values.
const BOARD_STATE = {
  Uninitialized: 'Niet gestart',
  Started: 'Opname loopt',
  Stopped: 'Gestopt',
  Paused: 'Gepauzeerd',
  None: 'Geen',
  Mark: 'Gemarkeerd',
  Unmark: 'Markering weg',
  Save: 'Bewaren',
  Delete: 'Verwijderen',
}
const stateOf = (field: string, value: string) => STATE[`${field}.${value}`] ?? value

export const nl = {
  locale: LOCALE,
  time: (at: number | string) => new Date(at).toLocaleTimeString(LOCALE),

  hubLabel: (state: string) => HUB[state] ?? state,
  actionLabel: (id: string, busy: boolean) => ACTION[id]?.[busy ? 1 : 0] ?? id,
  indicatorTitle: (kind: string) => INDICATOR[kind] ?? kind,
  stateWord: stateOf,
  byWhom: (source: string) => BY[source] ?? '',
  actionName: (name: string) => ACTION_NAME[name] ?? (name || 'onbekende actie'),

  errNotJson: (status: string) =>
    `De opnamedienst antwoordde${status} met iets dat geen JSON is. Mogelijk zit er een proxy of inlogpagina tussen; controleer apiBaseUrl van het paneel en probeer opnieuw.`,
  errInvalid:
    'De opnamedienst antwoordde in een vorm die dit paneel niet begrijpt. Misschien is de server nieuwer; meld het je beheerder.',
  errTimeout:
    'De opnamedienst antwoordde niet op tijd. Controleer de status voor je opnieuw iets doet.',
  errNetwork:
    'De opnamedienst is niet bereikbaar. Controleer je netwerkverbinding; het paneel blijft het proberen.',
  errRefused: (value: string) =>
    `Het paneel heeft dit verzoek niet verstuurd: "${value}" zou een ander deel van de opnamedienst aanroepen. Controleer het adres.`,
  errServer: (type: string) =>
    SERVER_ERROR[type] ?? `De opnamedienst meldde een fout van een onbekend type (${type}).`,
  errHttp: (status?: number) =>
    HTTP_ERROR[status!] ??
    ((status ?? 0) >= 500
      ? `De opnamedienst had een interne fout (${status}). Probeer het zo nog eens.`
      : `De opnamedienst antwoordde met een onverwachte status (${status}).`),
  noEffect: (action: string, recording: string, marking: string, saving: string) =>
    `De opnamedienst accepteerde ${action}, maar opnieuw lezen toont: opname ${stateOf('recording', recording)}, markering ${stateOf('marking', marking)}, bewaren ${stateOf('saving', saving)}. Mogelijk is het niet gelukt, of heeft een ander het sindsdien gewijzigd. Controleer de status voor je verdergaat.`,

  configTitle:
    'Probleem met de configuratie — het paneel gebruikt waar nodig de standaardinstellingen:',
  configNotObject: 'config.json is geen JSON-object; de standaardinstellingen worden gebruikt.',
  configBadKey: (key: string, problem: string) =>
    `config.json: "${key}" ${problem}; de standaardwaarde wordt gebruikt.`,
  configUnknownKeys: (keys: string) => `config.json: onbekende sleutels genegeerd: ${keys}.`,
  configNetwork:
    'config.json kon niet worden geladen (netwerkfout); de standaardinstellingen worden gebruikt.',
  configHttp: (status: number) =>
    `config.json kon niet worden geladen (HTTP ${status}); de standaardinstellingen worden gebruikt.`,
  configNotJson: 'config.json is geen geldige JSON; de standaardinstellingen worden gebruikt.',
  configMustBeUrl:
    'moet "" zijn of een http(s)-URL zonder gebruikersnaam, wachtwoord, query of fragment',
  configMustBeHubUrl:
    'moet een pad zijn (zoals /attendantservice/hubs/recording) of een http(s)-URL zonder gebruikersnaam, wachtwoord, query of fragment',
  configMustBeBetween: (min: number, max: number) =>
    `moet een geheel getal van ${n(min)} tot en met ${n(max)} zijn`,
  configMustBeVersion: 'moet "v1" of "v2" zijn',
  configMustBeLanguage: 'moet "en" of "nl" zijn',
  configMustBeText: 'moet een tekst zijn',
  configMustBeBoolean: 'moet true of false zijn',
  configMustBeObject: 'moet een object met pauzesleutels zijn',
  configMustBeOverrides: 'moet een object met UCC-namen zijn, elk met eigen pauzesleutels',
  configMustBeReasons: 'moet een lijst van hoogstens 12 redenen zijn, elk 1 tot 60 tekens',
  addressTwice: (name: string) => `Het adres noemt meer dan één ${name}: geef er één.`,
  addressNoUcc:
    'Geen contactcenter (UCC) opgegeven: voeg ucc=<naam> toe aan het adres of zet uccName in config.json.',
  addressBadUcc: (name: string) => `"${name}" is geen geldige UCC-naam.`,
  addressBadId: (id: string) =>
    `"${id}" is geen geldige correlation id (verwacht een GUID zoals 1d6c6a58-6739-4f0c-98ff-0968292c8c30).`,
  addressBadIdShort: (id: string) => `"${id}" is geen geldige correlation id.`,
  addressNoAgent:
    'Geen agent opgegeven: voeg agent=sip:<gebruiker>@<domein> toe aan het adres of zet requesterSipUri in config.json.',
  addressBadAgent: (uri: string) =>
    `"${uri}" is geen geldige SIP URI (verwacht sip:gebruiker@domein).`,
  loading: 'Laden…',

  startIntro: 'Open de opnamebediening van een gesprek met zijn correlation id.',
  startProblems: 'Dit adres kan niet worden geopend; er is niets naar de opnamedienst gestuurd.',
  startCallId: 'Correlation id',
  startUcc: 'Contactcenter (UCC)',
  startAgent: 'SIP URI van de agent',
  startOpen: 'Gesprek openen',
  startSupervisors: 'Supervisors: ',
  startBoard: 'open het overzicht van alle gesprekken',

  copy: 'Kopieer',
  copied: 'Gekopieerd',
  copyFailed: 'Kopiëren mislukt',

  crashTitle: 'Het opnamepaneel werkt niet meer',
  crashNotConfirmed: 'Opnamestatus niet bevestigd — neem geen kaartgegevens aan.',
  crashWhat: 'Laad de pagina opnieuw. Gebeurt dit weer, geef dan je beheerder wat hieronder staat.',
  reload: 'Opnieuw laden',

  hubPrefix: 'Live-updates: ',

  panelTitle: 'Gespreksopname',
  recorderHeading: 'Recorder',
  shortcutBefore: 'Sneltoets: ',
  shortcutAfter: ' pauzeert of hervat.',
  stopTitle: 'Opname stoppen?',
  stopBody:
    'Stoppen beëindigt de opname van dit gesprek. Wil je kaartgegevens buiten de opname houden, pauzeer dan.',
  stopConfirm: 'Opname stoppen',
  deleteTitle: 'Opname verwijderen?',
  deleteBody: 'De opname van dit gesprek wordt gemarkeerd voor verwijdering.',
  deleteConfirm: 'Opname verwijderen',
  cancel: 'Annuleren',
  serviceSaid: 'De dienst meldde: ',
  dismiss: 'Sluiten',
  blockedUnknownCall: 'De opnamedienst kent dit gesprek niet.',
  blockedNoEdit:
    'Agents mogen in dit contactcenter geen opnames wijzigen (AgentCanEditRecordings staat uit). Vraag je beheerder.',
  blockedChecking: 'Controleren wat agents mogen…',
  blockedWaiting: 'Wachten op de opnamestatus…',
  blockedUnknownState:
    'De recorder meldde een status die dit paneel niet kent; acties staan uit tot hij een bekende meldt.',
  blockedInFlight: 'Wachten op antwoord van de opnamedienst…',
  advice: (kind: string, last: string) =>
    kind == 'unverified'
      ? `Niet geverifieerd: ${NOT_CONFIRMED}.${last == 'Unknown' ? '' : ` Laatst gemeld: ${stateOf('recording', last)}.`}`
      : (ADVICE[kind] ?? ''),
  pausedFor: (length: string) => `${length} gepauzeerd`,
  atLeast: (length: string) => `minstens ${length}`,
  pauseReminder: (minutes: number) =>
    `Langer dan ${minutes} min gepauzeerd — vergeet niet te hervatten.`,
  sayCallUnknown: 'Gesprek niet gevonden.',
  sayNotConfirmed: 'Opnamestatus niet bevestigd. Neem geen kaartgegevens aan.',
  sayConfirmed: (state: string) => `${state}, bevestigd.`,
  recordingAgain: (by: string) => `Opname loopt (gestart ${by})`,
  alertErrorButDone: (action: string, state: string) =>
    `De dienst meldde een fout bij ${action}, maar de recorder is bevestigd: ${state}`,
  alertErrorButDoneWhy:
    'De wijziging is doorgevoerd, al antwoordde de dienst met een fout. Wat je ziet is teruggelezen bij de dienst.',
  alertCallUnknown: 'Gesprek niet gevonden',
  alertCallUnknownWhy:
    'De opnamedienst kent dit gesprek niet: het kan beëindigd zijn, of het adres klopt niet. Er worden geen acties aangeboden.',
  alertActionFailed: (action: string) => `${action} is niet gelukt`,
  theAction: 'De actie',
  alertActionFailedWhy: (why: string) =>
    `${why} De getoonde status is wat de dienst nu meldt; die is opnieuw gelezen, niet opnieuw geprobeerd.`,
  alertReadFailed: 'De opnamestatus kon niet worden gelezen',
  alertReadFailedKept:
    ' De laatst gelezen status staat er, gemarkeerd als niet bevestigd tot lezen weer lukt.',
  alertCapsFailed: 'Kon niet controleren wat agents mogen',
  alertCapsFailedWhy: (why: string) =>
    `${why} De acties blijven beschikbaar; de dienst weigert wat niet mag.`,
  rowRecorder: 'Recorder',
  rowMarking: 'Markering',
  rowSaving: 'Bewaren',
  rowLastChange: 'Laatste wijziging',
  notConfirmed: '(niet bevestigd)',
  lastChangeAt: (action: string, time: string) => `${action} om ${time}`,

  ledgerHeading: 'Pauzelogboek',
  ledgerLoading: 'Pauzelogboek laden…',
  ledgerEmpty: 'Nog niets vastgelegd voor dit gesprek.',
  ledgerReadFailed: 'Het pauzelogboek kon niet uit deze browser worden gelezen.',
  ledgerUnavailableTitle: 'Deze browser houdt geen pauzelogboek bij',
  ledgerUnavailableWhy: (why: string) =>
    `${why} Het paneel werkt gewoon, maar de pauzes worden hier niet vastgelegd.`,
  ledgerWhyUnsupported: 'Deze browser heeft er geen opslag voor (IndexedDB ontbreekt).',
  ledgerWhyOpenFailed:
    'De browser weigerde de opslag (een privévenster, opslag uitgezet, of een frame dat geen gegevens mag opslaan).',
  ledgerWhyBlocked:
    'Een oudere versie van het paneel in een ander tabblad houdt de opslag vast: sluit de andere paneeltabbladen en laad opnieuw.',
  ledgerWhyTimeout: 'De opslag van de browser antwoordde niet.',
  ledgerWhyQuota: 'De opslag van de browser is vol.',
  ledgerWhyClosed:
    'De browser sloot de opslag (die is gewist, of een nieuwere versie van het paneel nam hem over): laad opnieuw.',
  ledgerWhyLoadFailed: 'Dit deel van het paneel kon niet worden geladen.',
  ledgerDidStart: 'Gestart',
  ledgerDidResume: 'Hervat',
  ledgerDidStop: 'Gestopt',
  ledgerDidPause: 'Gepauzeerd',
  ledgerDidSave: 'Bewaard',
  ledgerDidDelete: 'Verwijderd',
  ledgerDidMark: 'Gemarkeerd',
  ledgerDidUnMark: 'Markering verwijderd',
  ledgerByAgent: 'door jou',
  ledgerByAutoResume: 'automatisch',
  ledgerBySupervisor: 'door een supervisor',
  ledgerByHost: 'door de hosttoepassing',
  ledgerByOther: 'door een andere partij',
  ledgerByRead: '(gevonden bij lezen)',
  ledgerChange: (did: string, by: string) => `${did} ${by}`,
  ledgerNotConfirmed: 'niet bevestigd door de opnamedienst',
  ledgerPauseOpen: 'Pauze — het einde is nog niet vastgelegd',
  ledgerPauseEndedAgent: (length: string) => `Pauze van ${length}, beëindigd door jou`,
  ledgerPauseEndedAuto: (length: string) => `Automatisch hervat na ${length}`,
  ledgerPauseEndedOther: (length: string) =>
    `Pauze van ${length}, beëindigd door een andere partij`,
  ledgerPauseEndedCall: (length: string) => `Pauze van ${length}, tot het gesprek eindigde`,
  ledgerPauseReason: (reason: string) => `Reden: ${reason}`,
  ledgerIncident: 'Mogelijk kaartgegevens in de opname',
  ledgerIncidentBy: (uri: string) => `Gemeld door ${uri}`,
  ledgerIncidentMarked: 'Opname gemarkeerd.',
  ledgerIncidentDeleted: 'Opname verwijderd.',
  ledgerIncidentNotDeleted: 'Opname niet verwijderd.',
  ledgerExportCall: 'Logboek van dit gesprek exporteren',
  ledgerExportCsv: 'CSV exporteren',
  ledgerExportJson: 'JSON exporteren',
  ledgerExported: (count: number, file: string) =>
    `${n(count)} ${count === 1 ? 'regel' : 'regels'} geëxporteerd naar ${file}.`,
  ledgerExportFailed: 'Exporteren mislukt: het logboek kon niet worden gelezen.',
  ledgerRangeHeading: 'Pauzelogboek exporteren',
  ledgerRangeNote: 'Elk gesprek dat deze browser in de gekozen tijd heeft vastgelegd.',
  ledgerRangeFrom: 'Van',
  ledgerRangeTo: 'Tot (de hele minuut)',
  ledgerRangeFormat: 'Formaat',
  ledgerRangeCsv: 'CSV (spreadsheet)',
  ledgerRangeJson: 'JSON',
  ledgerRangeExport: 'Exporteren',
  ledgerRangeBad: 'Geef een begin en een einde, het begin vóór het einde.',
  ledgerReasonsLabel: 'Waarom is de opname gepauzeerd? (optioneel)',
  ledgerReasonCard: 'Kaartbetaling',
  ledgerReasonIdentity: 'Identiteitscontrole',
  ledgerReasonPersonal: 'Persoonsgegevens',
  ledgerReasonOther: 'Anders',

  guardCountdownAuto: (left: string) => `Opname wordt automatisch hervat over ${left}`,
  guardCountdownLimit: (left: string) => `Pauzelimiet over ${left}`,
  guardCountedFromFirstSeen:
    'De pauze liep al toen dit paneel hem voor het eerst zag: geteld vanaf dat moment.',
  guardSoundOn: 'Waarschuwingstoon: aan',
  guardSoundOff: 'Waarschuwingstoon: uit',
  guardEnableNotifications: 'Waarschuw me op het bureaublad',
  guardWarningAuto: (left: string) =>
    `Opname hervat over ${left} — rond de kaartgegevens nu af, of hervat zelf.`,
  guardWarningManual: (left: string) =>
    `Pauze bijna aan de limiet: nog ${left} — hervat de opname als de kaartgegevens binnen zijn.`,
  guardDueAuto: 'Pauzelimiet bereikt — de opname wordt nu hervat.',
  guardDueManual: 'Pauzelimiet bereikt — hervat de opname nu.',
  guardStillPaused: 'Opname staat nog op pauze — hervat nu',
  guardRetrying: (why: string) =>
    `Automatisch hervatten is niet gelukt: ${why} Elke 5 seconden volgt een nieuwe poging, na opnieuw lezen.`,
  guardAutoResumed: (length: string) => `Opname automatisch hervat na ${length} pauze.`,
  guardAutoResumedAtLeast: (length: string) =>
    `Opname automatisch hervat na minstens ${length} pauze.`,
  guardTitle: 'Hervat de opname',
  partNotLoaded:
    'Een deel van dit paneel kon niet worden geladen: de pauzelimiet, het logboek en de vragen vóór Stoppen en Verwijderen ontbreken. Laad de pagina opnieuw.',
  recordHeading: 'Vastgelegd',
  exposureReport: 'Mogelijk kaartgegevens in de opname',
  exposureRecorded: 'Vastgelegd: mogelijk staan er kaartgegevens in deze opname.',
  exposureAlreadyMarked: 'De opname is al gemarkeerd voor controle.',
  exposureMarkSent:
    'Markeren voor controle is verstuurd: de markering hierboven verschijnt zodra de dienst het bevestigt.',
  exposureNotMarked:
    'De opname kon hier niet worden gemarkeerd voor controle (agents mogen opnames van dit gesprek niet wijzigen): meld het je supervisor.',
  exposureKept:
    'Het incident staat in het logboek van deze browser, of de opname nu wordt verwijderd of niet.',
  exposureNotKept:
    'Het incident kon niet in het logboek van deze browser worden vastgelegd (zie het logboek hieronder): noteer de tijd en meld het je supervisor.',
  exposureDelete: 'Deze opname verwijderen…',
  endedWhilePaused: ' terwijl de opname gepauzeerd was',
  adviceCallEnded: (time: string) => `Gesprek beëindigd om ${time}`,
  guardBusy: 'een actie van jou is onderweg.',

  hostCallUnknown: 'De dienst kent dit gesprek niet (het kan beëindigd zijn).',
  hostNoCall: 'Er is geen gesprek open in het paneel.',
  hostNotOffered: (state: string) => `Nu niet beschikbaar: de recorder is ${state}.`,
  hostNotConfirmed: (seconds: number, state: string) =>
    `De recorder is niet binnen ${seconds} s bevestigd; het paneel toont: ${state}, niet bevestigd.`,
  hostIgnored: (count: number, origin: string) =>
    `Opnamepaneel: ${count} bericht(en) genegeerd van een origin die niet in embedOrigins staat (laatste: ${origin}).`,
  configMustBeOrigins:
    'moet een lijst van hoogstens 20 origins zijn, zoals "https://desktop.example.com" (alleen schema, host en poort).',
  guardNotificationBody: 'De opnamepauze bereikt bijna de limiet.',

  // Aanmelden (`auth` in config.json, src/auth/)
  configMustBeAuth:
    'moet een object zijn met authority en clientId (scope en redirectPath zijn optioneel)',
  configMustBeAuthority:
    'moet het adres van de aanmelddienst zijn: een https-URL (http alleen op deze computer, zoals 127.0.0.1) zonder gebruikersnaam, wachtwoord, query of fragment',
  configMustBeClientId: 'moet een client-id zijn van 1 tot 200 tekens, zonder spaties',
  configMustBeScope: 'moet scopewaarden bevatten met telkens één spatie ertussen, waaronder openid',
  configMustBeRedirectPath: 'moet een pad op de eigen site van het paneel zijn, beginnend met /',
  configRequired: 'is verplicht',
  authOff:
    'config.json: aanmelden ("auth") staat uit tot dit is opgelost; het paneel gebruikt een token van de pagina waarin het is ingebed, als die er een geeft.',
  authSigningIn: 'Aanmelden…',
  authSignedInAs: (name: string) => `Aangemeld als ${name}`,
  authSignOut: 'Afmelden',
  authSignOutFailed:
    'Afmelden lukte niet: de aanmelddienst is niet bereikbaar. Probeer het later opnieuw.',
  authSignIn: 'Aanmelden',
  authSignInAgain: 'Opnieuw aanmelden',
  authTryAgain: 'Opnieuw proberen',
  authSignedOut: 'Je bent afgemeld. Meld je aan om het opnamepaneel weer te gebruiken.',
  authProblemTitle: (kind: string) => AUTH_PROBLEM[kind]?.[0] ?? AUTH_PROBLEM.failed![0],
  authProblemWhy: (kind: string) => AUTH_PROBLEM[kind]?.[1] ?? AUTH_PROBLEM.failed![1],
  authPromptKept:
    'Wat op het scherm staat blijft staan, onbevestigd, tot je opnieuw bent aangemeld; dan wordt het opnieuw gelezen. Niets wat je vroeg wordt nog eens verstuurd.',
  authProviderSaid: 'De aanmelddienst meldde: ',
  authServiceSaid: 'De opnamedienst meldde: ',

  boardTitle: 'Opnameoverzicht',
  boardTitleAlert: (count: number) => `(${count}) te lang gepauzeerd · Opnameoverzicht`,
  boardTitleAlertLatest: (count: number, id: string, ucc: string) =>
    `(${count}) te lang gepauzeerd — ${id} in ${ucc} · Opnameoverzicht`,
  boardAlertCount: (count: number) => `${n(count)} te lang gepauzeerd`,
  boardNoAlert: 'Geen gesprek te lang gepauzeerd',
  boardLimit: (limit: string) => `(limiet ${limit})`,
  boardMinutes: (minutes: number) => `${minutes} min`,
  boardSeconds: (seconds: number) => `${seconds} s`,
  boardWatching: 'Volgt',
  boardNoUcc: 'geen contactcenter',
  boardCalls: (count: number) => `${n(count)} ${count === 1 ? 'gesprek' : 'gesprekken'}`,
  boardNoUccHelp:
    'Geen contactcenter om te volgen: voeg ucc=<naam>[,<naam>…] toe aan het adres, of zet uccName in config.json.',
  boardAddressProblems: 'Delen van dit adres zijn genegeerd:',
  boardActingAs: 'Handelt als',
  boardNobodyTitle: 'Hervatten en Markeren staan uit: het overzicht weet niet wie je bent',
  boardNobodyHelp:
    'Geef je eigen SIP URI: supervisor=sip:jij@domein in het adres, of supervisorSipUri in config.json. De opnamedienst legt die vast als degene die handelde (nooit de agent), en het moet een agent zijn van elk contactcenter waarin je handelt.',
  boardNoteSummary: 'Wat dit overzicht wel en niet kan weten',
  boardNote: (watching: string) =>
    `De opnamedienst kan geen gesprekken opsommen. Dit overzicht toont de gesprekken waarover het via live-events hoort uit ${watching} sinds het voor het eerst in deze browser werd geopend, en de gesprekken die je met hun id toevoegt; een gesprek dat sindsdien niet is veranderd ontbreekt tot je het toevoegt. Een status gemarkeerd als “niet bevestigd” is nog niet bij de dienst gecontroleerd.`,
  boardNoteKept:
    'De gesprekken die het heeft leren kennen, met hun laatst bekende status, en het eventlogboek worden in deze browser bewaard en komen terug als het overzicht weer wordt geopend, niet bevestigd tot ze opnieuw zijn gelezen.',
  boardNoteIdsOnly: 'Alleen de id’s die je toevoegt worden in deze browser bewaard.',
  boardMemoryUnavailable:
    'Deze browser biedt geen opslag voor het overzicht (IndexedDB ontbreekt of is vol): na opnieuw laden komen alleen de toegevoegde id’s terug, en het eventlogboek begint leeg.',
  boardCapsFailed: (ucc: string) => `Kon niet controleren wat er in ${ucc} mag worden gewijzigd`,
  boardCapsFailedWhy: (why: string) =>
    `${why} Hervatten en Markeren blijven beschikbaar; de dienst weigert wat niet mag.`,
  boardActionFailed: (action: string, id: string) => `${action} van gesprek ${id} is niet gelukt`,
  boardActionFailedWhy: (why: string) =>
    `${why} De getoonde status is opnieuw gelezen bij de dienst, niet opnieuw geprobeerd.`,
  boardDismiss: 'Sluiten',
  boardDismissLabel: (id: string) => `${id} sluiten`,
  boardEmpty:
    'Nog geen gesprekken: ze verschijnen zodra hun recorder verandert, of voeg ze toe met hun id.',
  boardNoMatch: 'Geen gesprek past bij dit filter of deze zoekopdracht.',
  boardFilterGroup: 'Toon',
  boardFilterAll: 'Alle',
  boardFilterPaused: 'Gepauzeerd',
  boardFilterAlert: 'Te lang gepauzeerd',
  boardFilterMarked: 'Gemarkeerd',
  boardCount: (count: number) => `(${count})`,
  boardSearch: 'Zoek op id of UCC',
  boardSort: 'Sorteren',
  boardSortPaused: 'Langst gepauzeerd eerst',
  boardSortNewest: 'Nieuwste activiteit eerst',
  boardAddOpen: 'Gesprekken toevoegen met id',
  boardExportOpen: 'Logboek exporteren',
  boardAddLabel: 'Gesprekken toevoegen met correlation id',
  boardAdd: 'Toevoegen',
  boardAddHint:
    'Eén of meer, gescheiden door spaties, komma’s of nieuwe regels; meer dan zo’n 100 geplakte id’s worden in één keer toegevoegd. Elke id wordt om de beurt gezocht in de gevolgde contactcenters.',
  boardAddStatus: (found: number, notFound: number, checking: number) => {
    const parts = [`${n(found)} ${found === 1 ? 'id' : 'id’s'} toegevoegd`]
    if (notFound > 0) parts.push(`${n(notFound)} niet gevonden`)
    if (checking > 0) parts.push(`${n(checking)} nog in onderzoek`)
    return `${parts.join(', ')}.`
  },
  boardPasteProblems:
    'Niet toegevoegd: geen correlation id (een GUID zoals 1d6c6a58-6739-4f0c-98ff-0968292c8c30):',
  boardPasteMore: (count: number) => `en nog ${n(count)}.`,
  boardLookingUp: (count: number, uccs: string) =>
    `${n(count)} ${count === 1 ? 'toegevoegd gesprek' : 'toegevoegde gesprekken'} zoeken in ${uccs}…`,
  boardLookupRetried: (why: string) => `Sommige leesacties mislukten en worden herhaald: ${why}`,
  boardNotFoundIn: (ucc: string) =>
    `Onbekend in ${ucc}: het gesprek kan al beëindigd zijn voor het werd toegevoegd, of de id klopt niet.`,
  boardNotFoundInAny: (uccs: string) =>
    `Onbekend in ${uccs}: het gesprek kan al beëindigd zijn voor het werd toegevoegd, of de id klopt niet.`,
  boardRowsCapped: (max: number, dropped: number) =>
    `Dit overzicht houdt hoogstens ${n(max)} gesprekken bij: ${n(dropped)} zijn weggelaten, beëindigde en langst stille gesprekken eerst (gepauzeerde als laatste). Voeg een id opnieuw toe om het gesprek terug te halen.`,
  boardEventsIgnored: (count: number) =>
    `${n(count)} live-${count === 1 ? 'event is' : 'events zijn'} genegeerd: de gespreks-id is geen correlation id (GUID), dus geen leesactie kan het gesprek ooit vinden.`,
  boardTableCaption: (count: number) => `Gesprekken in het overzicht, ${n(count)} getoond`,
  boardColCall: 'Gesprek',
  boardColUcc: 'UCC',
  boardColRecorder: 'Recorder',
  boardColMarking: 'Markering',
  boardColSaving: 'Bewaren',
  boardColLastChange: 'Laatste wijziging',
  boardColActions: 'Acties',
  boardCorrelationId: (id: string) => ` (correlation id ${id})`,
  boardCopyLabel: (id: string) => `correlation id ${id}`,
  boardStateUninitialized: BOARD_STATE.Uninitialized,
  boardStateStarted: BOARD_STATE.Started,
  boardStateStopped: BOARD_STATE.Stopped,
  boardStatePaused: BOARD_STATE.Paused,
  boardStateNone: BOARD_STATE.None,
  boardStateMark: BOARD_STATE.Mark,
  boardStateUnmark: BOARD_STATE.Unmark,
  boardStateSave: BOARD_STATE.Save,
  boardStateDelete: BOARD_STATE.Delete,
  boardStateUnknown: 'Onbekend',
  boardAtLeast: (length: string) => `minstens ${length}`,
  boardPausedFor: (length: string) => `${length} gepauzeerd`,
  boardOfLimit: ' van ',
  boardAllowed: ' toegestaan',
  boardEnded: 'Beëindigd',
  boardOverLimit: 'over limiet',
  boardTooLong: 'te lang',
  boardNotConfirmed: 'niet bevestigd',
  boardReadFailed: 'lezen mislukt',
  boardNotKnown: 'Onbekend bij de dienst',
  boardAddedById: 'Toegevoegd met id',
  boardWhyEnded: 'Het gesprek is beëindigd.',
  boardWhyNoEdit:
    'Agents mogen in dit contactcenter geen opnames wijzigen (AgentCanEditRecordings staat uit).',
  boardWhyNobody:
    'Het overzicht weet niet wie je bent: zet supervisor= in het adres of supervisorSipUri in config.json.',
  boardResume: 'Hervat',
  boardResumeLabel: (id: string) => `Hervat de opname van gesprek ${id}`,
  boardMark: 'Markeer',
  boardMarkLabel: (id: string) => `Markeer gesprek ${id}`,
  boardOpen: 'Open',
  boardOpenLabel: (id: string) => `Open het agentpaneel van gesprek ${id} in een nieuw tabblad`,
  boardResumeTitle: (id: string) => `Opname van gesprek ${id} hervatten?`,
  boardResumeConfirm: 'Opname hervatten',
  boardResumeWarning:
    'De agent neemt misschien net kaartgegevens aan: zodra de opname hervat, wordt alles opgenomen wat er gezegd wordt. Overleg eerst met de agent.',
  boardResumeAs: (id: string, ucc: string) =>
    `Gesprek ${id} in ${ucc}. De dienst legt het hervatten vast als gedaan door`,
  boardLogTitle: 'Live-events',
  boardLogLast: (count: number) => `(laatste ${count})`,
  boardLogRegion: 'Live-events, nieuwste eerst',
  boardLogEmpty: 'Nog geen events.',
  boardNotifyEnable: 'Meld het me op het bureaublad',
  boardNotifyOn: 'Bureaubladmeldingen aan',
  boardNotifyBlocked: 'Bureaubladmeldingen zijn in deze browser geblokkeerd',
  boardNotifyTitle: (id: string, ucc: string) => `Gesprek ${id} in ${ucc} is te lang gepauzeerd`,
  boardNotifyBody: (limit: string) =>
    `Langer dan ${limit} gepauzeerd: de agent is misschien vergeten de opname te hervatten.`,
} satisfies Messages

export default nl
