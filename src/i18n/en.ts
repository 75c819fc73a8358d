// The English catalog. Keys are the same in every language (src/i18n/messages.ts); a message with
// parameters is a function of them. The server's own Message is never translated.

const NOT_CONFIRMED = 'recording state not confirmed — do not take card details'

// Times and numbers in the browser's own English (en-GB, en-US…) when it lists one, else 'en'.
const LOCALE =
  (typeof navigator === 'object' ? navigator.languages : []).find((tag) => /^en\b/i.test(tag)) ??
  'en'
const n = (value: number) => value.toLocaleString(LOCALE)

// Words looked up by the value they name (a table per message, so that code carries no key per value).
const HUB: Record<string, string> = {
  Connected: 'Live',
  Connecting: 'Connecting…',
  Reconnecting: 'Reconnecting…',
  Disconnected: 'Offline — retrying',
}
const ACTION: Record<string, [string, string]> = {
  start: ['Start', 'Starting…'],
  resume: ['Resume', 'Resuming…'],
  pause: ['Pause', 'Pausing…'],
  stop: ['Stop', 'Stopping…'],
  save: ['Save', 'Saving…'],
  delete: ['Delete', 'Deleting…'],
  mark: ['Mark', 'Marking…'],
  unmark: ['Unmark', 'Unmarking…'],
}
const INDICATOR: Record<string, string> = {
  recording: 'Recording',
  paused: 'Paused',
  stopped: 'Stopped',
  'not-started': 'Not started',
  unverified: 'Not confirmed',
  'call-unknown': 'Call not found',
  'call-ended': 'Call ended',
}
// Why a sign-in or a token renewal did not work (src/auth/sign-in-problem.ts: ProblemKind): title, what to do.
const AUTH_PROBLEM: Record<string, [string, string]> = {
  unreachable: [
    'The sign-in service cannot be reached',
    'It did not answer, or said it is not available now. Try again in a moment; if this goes on, tell your administrator.',
  ],
  refused: [
    'The sign-in service did not sign you in',
    'Try again; if this goes on, ask your administrator whether your account may use the recording panel.',
  ],
  ended: ['Your sign-in has ended', 'Sign in again to go on.'],
  rejected: [
    'The recording service does not accept your sign-in',
    'It refused the token the sign-in service gave (one meant for another service, or from another sign-in service). Sign in again; if this goes on, tell your administrator.',
  ],
  failed: [
    'Sign-in could not be completed',
    'Try again; if this goes on, tell your administrator.',
  ],
}
const ADVICE: Record<string, string> = {
  recording: 'The call is being recorded. Pause before the customer gives card details.',
  paused: 'Recording is paused: safe to take card details. Resume when done.',
  stopped: 'The recorder is stopped: this part of the call is not recorded.',
  'not-started': 'The recorder has not started for this call.',
  'call-unknown': `The recording service does not know this call — ${NOT_CONFIRMED}.`,
}
const HTTP_ERROR: Record<number, string> = {
  401: 'The recording service asks for a sign-in (401). Sign in again, then retry.',
  403: 'The recording service refused access (403). Ask your administrator for permission.',
  404: 'The recording service does not know this address (404). Check the panel configuration (apiBaseUrl, apiVersion).',
}
const SERVER_ERROR: Record<string, string> = {
  Configuration:
    'The contact center is not set up to allow this (configuration error). Ask your administrator.',
  Validation:
    'The recording service refused the request as invalid (validation error): the call, contact center or agent was not recognised.',
  Processing:
    'The recorder could not do this now (processing error). Its state is shown as the server reports it.',
}
const STATE: Record<string, string> = {
  'recording.Started': 'Recording',
  'recording.Paused': 'Paused',
  'recording.Stopped': 'Stopped',
  'recording.Uninitialized': 'Not started',
  'marking.None': 'Not flagged',
  'marking.Mark': 'Flagged for review',
  'marking.Unmark': 'Flag removed',
  'saving.None': 'No decision yet',
  'saving.Save': 'Kept',
  'saving.Delete': 'Marked for deletion',
}
const BY: Record<string, string> = {
  agent: 'by you',
  'auto-resume': 'automatically',
  supervisor: 'by a supervisor',
  host: 'by the desktop',
  other: 'by another party',
}

export const en = {
  // The locale of times, dates and numbers (Intl)
  locale: LOCALE,
  /** A time of day (13:43:57, or 1:43:57 PM where that is the custom). */
  time: (at: number | string) => new Date(at).toLocaleTimeString(LOCALE),

  // Words by value: the live connection, an action's button (and while it is sent), the recorder
  // indicator's heading, a state's value, who made a change ('' when not known)
  hubLabel: (state: string) => HUB[state] ?? state,
  actionLabel: (id: string, busy: boolean) => ACTION[id]?.[busy ? 1 : 0] ?? id,
  indicatorTitle: (kind: string) => INDICATOR[kind] ?? kind,
  stateWord: (field: string, value: string) => STATE[`${field}.${value}`] ?? value,
  byWhom: (source: string) => BY[source] ?? '',
  /** An action the service reports, by its name (Start, UnMark…); '' when it is not known. */
  actionName: (name: string) => name || 'unknown action',

  // Errors talking to the recording service: what went wrong and what to do
  errNotJson: (status: string) =>
    `The recording service answered${status} with something that is not JSON. A proxy or login page may be in the way; check the panel's apiBaseUrl, then try again.`,
  errInvalid:
    'The recording service answered in a form this panel does not understand. The server may be a newer version; tell your administrator.',
  errTimeout: 'The recording service did not answer in time. Check the state before acting again.',
  errNetwork:
    'The recording service could not be reached. Check your network connection; the panel keeps trying.',
  errRefused: (value: string) =>
    `The panel did not send this request: "${value}" would change which part of the recording service is called. Check the address.`,
  /** The service's ErrorType, by name (Configuration, Validation, Processing) or as sent. */
  errServer: (type: string) =>
    SERVER_ERROR[type] ?? `The recording service reported an error of an unknown type (${type}).`,
  /** An HTTP status without the service's ErrorMessage. */
  errHttp: (status?: number) =>
    HTTP_ERROR[status!] ??
    ((status ?? 0) >= 500
      ? `The recording service had an internal error (${status}). Try again in a moment.`
      : `The recording service answered with an unexpected status (${status}).`),
  noEffect: (action: string, recording: string, marking: string, saving: string) =>
    `The recording service accepted ${action}, but a fresh read shows the recorder ${recording}, marking ${marking}, saving ${saving}. It may not have taken effect, or another party changed it since. Check the state before going on.`,

  // Configuration and addresses
  configTitle: 'Configuration problem — the panel is using default settings where needed:',
  configNotObject: 'config.json is not a JSON object; using the defaults.',
  configBadKey: (key: string, problem: string) =>
    `config.json: "${key}" ${problem}; using the default.`,
  configUnknownKeys: (keys: string) => `config.json: unknown keys ignored: ${keys}.`,
  configNetwork: 'config.json could not be loaded (network error); using the defaults.',
  configHttp: (status: number) =>
    `config.json could not be loaded (HTTP ${status}); using the defaults.`,
  configNotJson: 'config.json is not valid JSON; using the defaults.',
  configMustBeUrl: 'must be "" or an http(s) URL without user name, password, query or fragment',
  configMustBeHubUrl:
    'must be a path (such as /attendantservice/hubs/recording) or an http(s) URL without user name, password, query or fragment',
  configMustBeBetween: (min: number, max: number) =>
    `must be a whole number from ${n(min)} to ${n(max)}`,
  configMustBeVersion: 'must be "v1" or "v2"',
  configMustBeLanguage: 'must be "en" or "nl"',
  configMustBeText: 'must be a string',
  configMustBeBoolean: 'must be true or false',
  configMustBeObject: 'must be an object of pause keys',
  configMustBeOverrides: 'must be an object of UCC names, each with its pause keys',
  configMustBeReasons: 'must be a list of at most 12 reasons, each 1 to 60 characters',
  addressTwice: (name: string) => `The address gives more than one ${name}: give one.`,
  addressNoUcc:
    'No contact center (UCC) given: add ucc=<name> to the address or set uccName in config.json.',
  addressBadUcc: (name: string) => `"${name}" is not a valid UCC name.`,
  addressBadId: (id: string) =>
    `"${id}" is not a valid correlation id (expected a GUID such as 1d6c6a58-6739-4f0c-98ff-0968292c8c30).`,
  addressBadIdShort: (id: string) => `"${id}" is not a valid correlation id.`,
  addressNoAgent:
    'No agent given: add agent=sip:<user>@<domain> to the address or set requesterSipUri in config.json.',
  addressBadAgent: (uri: string) => `"${uri}" is not a valid SIP URI (expected sip:user@domain).`,
  loading: 'Loading…',

  // The start page (no call in the address)
  startIntro: 'Open the recording controls for a call by its correlation id.',
  startProblems: 'This address cannot be opened; nothing was sent to the recording service.',
  startCallId: 'Correlation id',
  startUcc: 'Contact center (UCC)',
  startAgent: 'Agent SIP URI',
  startOpen: 'Open call',
  startSupervisors: 'Supervisors: ',
  startBoard: 'open the board of all calls',

  // Copying a value
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',

  // When everything else failed
  crashTitle: 'The recording panel stopped working',
  crashNotConfirmed: 'Recording state not confirmed — do not take card details.',
  crashWhat: 'Reload the page. If this happens again, tell your administrator what it says below.',
  reload: 'Reload',

  // The live connection
  hubPrefix: 'Live updates: ',

  // The agent panel
  panelTitle: 'Call recording',
  recorderHeading: 'Recorder',
  shortcutBefore: 'Shortcut: ',
  shortcutAfter: ' pauses or resumes.',
  stopTitle: 'Stop the recording?',
  stopBody:
    'Stopping ends the recording of this call. To keep card details out of the recording, use Pause instead.',
  stopConfirm: 'Stop recording',
  deleteTitle: 'Delete the recording?',
  deleteBody: 'The recording of this call will be marked for deletion.',
  deleteConfirm: 'Delete recording',
  cancel: 'Cancel',
  serviceSaid: 'The service said: ',
  dismiss: 'Dismiss',
  blockedUnknownCall: 'The recording service does not know this call.',
  blockedNoEdit:
    'Agents may not change recordings in this contact center (AgentCanEditRecordings is off). Ask your administrator.',
  blockedChecking: 'Checking what agents may do…',
  blockedWaiting: 'Waiting for the recording state…',
  blockedUnknownState:
    'The recorder reported a state this panel does not know; actions are off until it reports a known one.',
  blockedInFlight: 'Waiting for the recording service to answer…',
  /** What to do, under the indicator, by its kind; `last`: the recorder's last reported state. */
  advice: (kind: string, last: string) =>
    kind == 'unverified'
      ? `Unverified: ${NOT_CONFIRMED}.${last == 'Unknown' ? '' : ` Last reported: ${last}.`}`
      : (ADVICE[kind] ?? ''),
  pausedFor: (length: string) => `paused for ${length}`,
  atLeast: (length: string) => `at least ${length}`,
  pauseReminder: (minutes: number) => `Paused for more than ${minutes} min — remember to resume.`,
  sayCallUnknown: 'Call not found.',
  sayNotConfirmed: 'Recording state not confirmed. Do not take card details.',
  sayConfirmed: (state: string) => `${state}, confirmed.`,
  recordingAgain: (by: string) => `Recording (started ${by})`,
  alertErrorButDone: (action: string, state: string) =>
    `The service reported an error for ${action}, but the recorder is confirmed: ${state}`,
  alertErrorButDoneWhy:
    'The change took effect although the service answered with an error. What is shown was read back from the service.',
  alertCallUnknown: 'Call not found',
  alertCallUnknownWhy:
    'The recording service does not know this call: it may have ended, or the address may be wrong. No actions are offered.',
  alertActionFailed: (action: string) => `${action} did not go through`,
  theAction: 'The action',
  alertActionFailedWhy: (why: string) =>
    `${why} The state shown is what the service reports now; it was re-read, not retried.`,
  alertReadFailed: 'Could not read the recording state',
  alertReadFailedKept:
    ' The last state read is shown, marked as not confirmed until a read succeeds.',
  alertCapsFailed: 'Could not check what agents may do',
  alertCapsFailedWhy: (why: string) =>
    `${why} Actions stay available; the service will refuse any it does not allow.`,
  rowRecorder: 'Recorder',
  rowMarking: 'Marking',
  rowSaving: 'Saving',
  rowLastChange: 'Last change',
  notConfirmed: '(not confirmed)',
  lastChangeAt: (action: string, time: string) => `${action} at ${time}`,

  // The pause ledger (src/ledger)
  ledgerHeading: 'Pause ledger',
  ledgerLoading: 'Loading the pause ledger…',
  ledgerEmpty: 'Nothing on record for this call yet.',
  ledgerReadFailed: 'The pause ledger could not be read from this browser.',
  ledgerUnavailableTitle: 'No pause ledger is kept in this browser',
  ledgerUnavailableWhy: (why: string) =>
    `${why} The panel works as usual, but its pauses are not on record here.`,
  ledgerWhyUnsupported: 'This browser has no storage for it (IndexedDB is missing).',
  ledgerWhyOpenFailed:
    'The browser refused its storage (a private window, storage turned off, or a frame that may not store data).',
  ledgerWhyBlocked:
    'An older version of the panel in another tab holds its storage: close the other panel tabs, then reload.',
  ledgerWhyTimeout: "The browser's storage did not answer.",
  ledgerWhyQuota: "The browser's storage is full.",
  ledgerWhyClosed:
    'The browser closed its storage (it was cleared, or a newer version of the panel took it over): reload.',
  ledgerWhyLoadFailed: 'Its part of the panel could not be loaded.',
  ledgerDidStart: 'Started',
  ledgerDidResume: 'Resumed',
  ledgerDidStop: 'Stopped',
  ledgerDidPause: 'Paused',
  ledgerDidSave: 'Saved',
  ledgerDidDelete: 'Deleted',
  ledgerDidMark: 'Marked',
  ledgerDidUnMark: 'Unmarked',
  ledgerByAgent: 'by you',
  ledgerByAutoResume: 'automatically',
  ledgerBySupervisor: 'by a supervisor',
  ledgerByHost: 'by the host application',
  ledgerByOther: 'by another party',
  ledgerByRead: '(found by a read)',
  ledgerChange: (did: string, by: string) => `${did} ${by}`,
  ledgerNotConfirmed: 'not confirmed by the recording service',
  ledgerPauseOpen: 'Pause — its end is not on record yet',
  ledgerPauseEndedAgent: (length: string) => `Pause of ${length}, ended by you`,
  ledgerPauseEndedAuto: (length: string) => `Resumed automatically after ${length}`,
  ledgerPauseEndedOther: (length: string) => `Pause of ${length}, ended by another party`,
  ledgerPauseEndedCall: (length: string) => `Pause of ${length}, until the call ended`,
  ledgerPauseReason: (reason: string) => `Reason: ${reason}`,
  ledgerIncident: 'Card data may be in the recording',
  ledgerIncidentBy: (uri: string) => `Reported by ${uri}`,
  ledgerIncidentMarked: 'Recording marked.',
  ledgerIncidentDeleted: 'Recording deleted.',
  ledgerIncidentNotDeleted: 'Recording not deleted.',
  ledgerExportCall: "Export this call's ledger",
  ledgerExportCsv: 'Export CSV',
  ledgerExportJson: 'Export JSON',
  ledgerExported: (count: number, file: string) =>
    `${n(count)} ${count === 1 ? 'record' : 'records'} exported to ${file}.`,
  ledgerExportFailed: 'The export failed: the ledger could not be read.',
  ledgerRangeHeading: 'Export the pause ledger',
  ledgerRangeNote: 'Every call this browser has on record in the chosen time.',
  ledgerRangeFrom: 'From',
  ledgerRangeTo: 'To (the whole minute)',
  ledgerRangeFormat: 'Format',
  ledgerRangeCsv: 'CSV (spreadsheet)',
  ledgerRangeJson: 'JSON',
  ledgerRangeExport: 'Export',
  ledgerRangeBad: 'Give a start and an end, the start before the end.',
  ledgerReasonsLabel: 'Why is the recording paused? (optional)',
  ledgerReasonCard: 'Card payment',
  ledgerReasonIdentity: 'Identity check',
  ledgerReasonPersonal: 'Personal details',
  ledgerReasonOther: 'Other',

  // The pause guard (agent panel)
  guardCountdownAuto: (left: string) => `Recording resumes automatically in ${left}`,
  guardCountdownLimit: (left: string) => `Pause limit in ${left}`,
  guardCountedFromFirstSeen:
    'The pause was already running when this panel first saw it: counted from then.',
  guardSoundOn: 'Warning tone: on',
  guardSoundOff: 'Warning tone: off',
  guardEnableNotifications: 'Warn me on the desktop',
  guardWarningAuto: (left: string) =>
    `Recording resumes in ${left} — finish taking card details now, or resume yourself.`,
  guardWarningManual: (left: string) =>
    `Paused for almost the limit: ${left} left — resume the recording when card details are done.`,
  guardDueAuto: 'Pause limit reached — resuming the recording now.',
  guardDueManual: 'Pause limit reached — resume the recording now.',
  guardStillPaused: 'Recording is still paused — resume now',
  guardRetrying: (why: string) =>
    `The automatic resume did not go through: ${why} It is tried again every 5 seconds, after a fresh read.`,
  guardAutoResumed: (length: string) => `Recording resumed automatically after ${length} paused.`,
  guardAutoResumedAtLeast: (length: string) =>
    `Recording resumed automatically after at least ${length} paused.`,
  guardTitle: 'Resume recording',
  partNotLoaded:
    'Part of this panel could not be loaded: the pause limit, the ledger and the questions before Stop and Delete are missing. Reload the page.',
  recordHeading: 'On record',
  exposureReport: 'Card data may be in the recording',
  exposureRecorded: 'Recorded: card data may be in this recording.',
  exposureAlreadyMarked: 'The recording is already marked for review.',
  exposureMarkSent:
    'Mark for review was sent: the marking state above shows once the service confirms it.',
  exposureNotMarked:
    'The recording could not be marked for review from here (agents may not change recordings of this call): tell your supervisor.',
  exposureKept:
    'The incident is kept in this browser’s ledger, whether or not the recording is deleted.',
  exposureNotKept:
    'The incident could not be kept in this browser’s ledger (see the ledger below): note the time and tell your supervisor.',
  exposureDelete: 'Delete this recording…',
  endedWhilePaused: ' while the recording was paused',
  adviceCallEnded: (time: string) => `Call ended at ${time}`,
  guardBusy: 'an action of yours is on its way.',

  // A host page (the embedding contract); configuration of it
  hostCallUnknown: 'The service does not know this call (it may have ended).',
  hostNoCall: 'No call is open in the panel.',
  hostNotOffered: (state: string) => `Not offered now: the recorder is ${state}.`,
  hostNotConfirmed: (seconds: number, state: string) =>
    `The recorder was not confirmed within ${seconds} s; the panel shows: ${state}, not confirmed.`,
  hostIgnored: (count: number, origin: string) =>
    `Recording panel: ignored ${count} message(s) from an origin not in embedOrigins (last: ${origin}).`,
  configMustBeOrigins:
    'must be a list of at most 20 origins such as "https://desktop.example.com" (scheme, host and port only).',
  guardNotificationBody: 'The recording pause is about to reach its limit.',

  // Sign-in (config.json's `auth`, src/auth/)
  configMustBeAuth:
    'must be an object with authority and clientId (scope and redirectPath optional)',
  configMustBeAuthority:
    'must be the sign-in service’s address: an https URL (http only on this computer, such as 127.0.0.1) without user name, password, query or fragment',
  configMustBeClientId: 'must be a client id of 1 to 200 characters, without spaces',
  configMustBeScope: 'must be scope values separated by single spaces, openid among them',
  configMustBeRedirectPath: 'must be a path on the panel’s own site, starting with /',
  configRequired: 'is required',
  authOff:
    'config.json: sign-in ("auth") is off until it is fixed; the panel uses a token from the page that embeds it, if any.',
  authSigningIn: 'Signing in…',
  authSignedInAs: (name: string) => `Signed in as ${name}`,
  authSignOut: 'Sign out',
  authSignOutFailed: 'Could not sign out: the sign-in service cannot be reached. Try again later.',
  authSignIn: 'Sign in',
  authSignInAgain: 'Sign in again',
  authTryAgain: 'Try again',
  authSignedOut: 'You have signed out. Sign in to use the recording panel again.',
  authProblemTitle: (kind: string) => AUTH_PROBLEM[kind]?.[0] ?? AUTH_PROBLEM.failed![0],
  authProblemWhy: (kind: string) => AUTH_PROBLEM[kind]?.[1] ?? AUTH_PROBLEM.failed![1],
  authPromptKept:
    'What is on screen stays, not confirmed, until you are signed in again; then it is read again. Nothing you asked for is sent again.',
  authProviderSaid: 'The sign-in service said: ',
  authServiceSaid: 'The recording service said: ',

  // The supervisor board
  boardTitle: 'Recording board',
  boardTitleAlert: (count: number) => `(${count}) paused too long · Recording board`,
  boardTitleAlertLatest: (count: number, id: string, ucc: string) =>
    `(${count}) paused too long — ${id} in ${ucc} · Recording board`,
  boardAlertCount: (count: number) => `${n(count)} paused too long`,
  boardNoAlert: 'No call paused too long',
  boardLimit: (limit: string) => `(limit ${limit})`,
  boardMinutes: (minutes: number) => `${minutes} min`,
  boardSeconds: (seconds: number) => `${seconds} s`,
  boardWatching: 'Watching',
  boardNoUcc: 'no contact center',
  boardCalls: (count: number) => `${n(count)} ${count === 1 ? 'call' : 'calls'}`,
  boardNoUccHelp:
    'No contact center to watch: add ucc=<name>[,<name>…] to the address, or set uccName in config.json.',
  boardAddressProblems: 'Parts of this address were ignored:',
  boardActingAs: 'Acting as',
  boardNobodyTitle: 'Resume and Mark are off: the board does not know who you are',
  boardNobodyHelp:
    'Give your own SIP URI: supervisor=sip:you@domain in the address, or supervisorSipUri in config.json. The recording service records it as the one who acted (never the agent), and it must be an agent of each contact center you act in.',
  boardNoteSummary: 'What this board can and cannot know',
  boardNote: (watching: string) =>
    `The recording service cannot list calls. This board shows the calls it hears about through live events from ${watching} since it was first opened in this browser, and the calls you add by id; a call that has not changed since then is missing until you add it. A state marked “not confirmed” has not been checked with the service yet.`,
  boardNoteKept:
    'The calls it has learned, with their last known state, and its event log are kept in this browser and come back when the board is opened again, not confirmed until read again.',
  boardNoteIdsOnly: 'Only the ids you add are kept in this browser.',
  boardMemoryUnavailable:
    'This browser keeps no storage for the board (IndexedDB is unavailable or full): after a reload only the ids you added come back, and the event log starts empty.',
  boardCapsFailed: (ucc: string) => `Could not check what may be changed in ${ucc}`,
  boardCapsFailedWhy: (why: string) =>
    `${why} Resume and Mark stay available; the service refuses what it does not allow.`,
  boardActionFailed: (action: string, id: string) => `${action} of call ${id} did not go through`,
  boardActionFailedWhy: (why: string) =>
    `${why} The state shown is re-read from the service, not retried.`,
  boardDismiss: 'Dismiss',
  boardDismissLabel: (id: string) => `Dismiss ${id}`,
  boardEmpty: 'No calls yet: they appear as their recorders change, or add them by id.',
  boardNoMatch: 'No call matches this filter or search.',
  boardFilterGroup: 'Show',
  boardFilterAll: 'All',
  boardFilterPaused: 'Paused',
  boardFilterAlert: 'Paused too long',
  boardFilterMarked: 'Marked',
  boardCount: (count: number) => `(${count})`,
  boardSearch: 'Search by id or UCC',
  boardSort: 'Sort',
  boardSortPaused: 'Longest paused first',
  boardSortNewest: 'Newest activity first',
  boardAddOpen: 'Add calls by id',
  boardExportOpen: 'Export the ledger',
  boardAddLabel: 'Add calls by correlation id',
  boardAdd: 'Add',
  boardAddHint:
    'One or many, separated by spaces, commas or new lines; a paste of more than about 100 is added at once. Each is looked up in the watched contact centers in turn.',
  boardAddStatus: (found: number, notFound: number, checking: number) => {
    const parts = [`Added ${n(found)} ${found === 1 ? 'id' : 'ids'}`]
    if (notFound > 0) parts.push(`${n(notFound)} not found`)
    if (checking > 0) parts.push(`${n(checking)} still being looked up`)
    return `${parts.join(', ')}.`
  },
  boardPasteProblems:
    'Not added: not a correlation id (a GUID such as 1d6c6a58-6739-4f0c-98ff-0968292c8c30):',
  boardPasteMore: (count: number) => `and ${n(count)} more.`,
  boardLookingUp: (count: number, uccs: string) =>
    `Looking up ${n(count)} added ${count === 1 ? 'call' : 'calls'} in ${uccs}…`,
  boardLookupRetried: (why: string) => `Some reads failed and are retried: ${why}`,
  boardNotFoundIn: (ucc: string) =>
    `Not known in ${ucc}: the call may have ended before it was added, or the id may be wrong.`,
  boardNotFoundInAny: (uccs: string) =>
    `Not known in any of ${uccs}: the call may have ended before it was added, or the id may be wrong.`,
  boardRowsCapped: (max: number, dropped: number) =>
    `This board keeps at most ${n(max)} calls: ${n(dropped)} were dropped, ended and longest-quiet calls first (paused calls last). Add an id again to bring its call back.`,
  boardEventsIgnored: (count: number) =>
    `${n(count)} live ${count === 1 ? 'event was' : 'events were'} ignored: their call id is not a correlation id (GUID), so no read could ever find the call.`,
  boardTableCaption: (count: number) => `Calls on the board, ${n(count)} shown`,
  boardColCall: 'Call',
  boardColUcc: 'UCC',
  boardColRecorder: 'Recorder',
  boardColMarking: 'Marking',
  boardColSaving: 'Saving',
  boardColLastChange: 'Last change',
  boardColActions: 'Actions',
  boardCorrelationId: (id: string) => ` (correlation id ${id})`,
  boardCopyLabel: (id: string) => `correlation id ${id}`,
  boardStateUninitialized: 'Uninitialized',
  boardStateStarted: 'Started',
  boardStateStopped: 'Stopped',
  boardStatePaused: 'Paused',
  boardStateNone: 'None',
  boardStateMark: 'Mark',
  boardStateUnmark: 'Unmark',
  boardStateSave: 'Save',
  boardStateDelete: 'Delete',
  boardStateUnknown: 'Unknown',
  boardAtLeast: (length: string) => `at least ${length}`,
  boardPausedFor: (length: string) => `paused for ${length}`,
  boardOfLimit: ' of ',
  boardAllowed: ' allowed',
  boardEnded: 'Ended',
  boardOverLimit: 'over limit',
  boardTooLong: 'too long',
  boardNotConfirmed: 'not confirmed',
  boardReadFailed: 'read failed',
  boardNotKnown: 'Not known to the service',
  boardAddedById: 'Added by id',
  boardWhyEnded: 'The call has ended.',
  boardWhyNoEdit:
    'Agents may not change recordings in this contact center (AgentCanEditRecordings is off).',
  boardWhyNobody:
    'The board does not know who you are: set supervisor= in the address or supervisorSipUri in config.json.',
  boardResume: 'Resume',
  boardResumeLabel: (id: string) => `Resume recording of call ${id}`,
  boardMark: 'Mark',
  boardMarkLabel: (id: string) => `Mark call ${id}`,
  boardOpen: 'Open',
  boardOpenLabel: (id: string) => `Open the agent panel for call ${id} in a new tab`,
  boardResumeTitle: (id: string) => `Resume recording of call ${id}?`,
  boardResumeConfirm: 'Resume recording',
  boardResumeWarning:
    'The agent may be taking card details right now: once recording resumes, whatever is said is recorded. Check with the agent first.',
  boardResumeAs: (id: string, ucc: string) =>
    `Call ${id} in ${ucc}. The service will record the resume as done by`,
  boardLogTitle: 'Live events',
  boardLogLast: (count: number) => `(last ${count})`,
  boardLogRegion: 'Live events, newest first',
  boardLogEmpty: 'No events yet.',
  boardNotifyEnable: 'Notify me on the desktop',
  boardNotifyOn: 'Desktop notifications on',
  boardNotifyBlocked: 'Desktop notifications are blocked in this browser',
  boardNotifyTitle: (id: string, ucc: string) => `Call ${id} in ${ucc} is paused too long`,
  boardNotifyBody: (limit: string) =>
    `Paused for more than ${limit}: the agent may have forgotten to resume the recording.`,
}

export default en
