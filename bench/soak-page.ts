// What `npm run soak` installs in every page it drives, and how it reads it back.
//
// The script is plain JavaScript in a string: Playwright serialises functions with
// `Function.prototype.toString`, and tsx compiles named inner functions with an `__name` helper the
// page does not have. It keeps, per page, the hub state and since when (Date.now(), the same clock
// as the soak's), and rings of the last shown states, REST requests and hub messages, which the soak
// reads back to explain a violation.
import type { Page } from '@playwright/test'

/** One recording-state element as shown: a board row (ucc, id) or the agent view's one (nulls). */
export interface ShownRow {
  ucc: string | null
  id: string | null
  state: string | null
  stale: boolean
}

export interface PageSample {
  /** Date.now() in the page when it was read. */
  now: number
  hub: string | null
  /** Date.now() when the hub indicator last became Connected; null while it is not. */
  connectedSince: number | null
  rows: ShownRow[]
}

export interface PageContext {
  /** Every change of a shown value (`key` is `hub`, `call` for the agent view, or `ucc|id`). */
  transitions: { at: number; key: string; state: string | null; stale: boolean }[]
  requests: {
    at: number
    method: string
    path: string
    status: number | null
    ms: number | null
    error: string | null
    body: string | null
  }[]
  /** Hub frames (invocations, open and close), as they arrived. */
  hubMessages: { at: number; text: string }[]
}

export const SOAK_PAGE_SCRIPT = String.raw`(() => {
  if (window.__soak) return;
  var RING = 200;
  var soak = { hub: null, connectedSince: null, shown: {}, transitions: [], requests: [], hubMessages: [] };
  window.__soak = soak;
  function push(list, item) {
    list.push(item);
    if (list.length > RING) list.splice(0, list.length - RING);
  }
  function readRows() {
    var rows = [];
    var callRows = document.querySelectorAll('[data-testid="call-row"]');
    if (callRows.length > 0) {
      callRows.forEach(function (row) {
        var el = row.querySelector('[data-testid="recording-state"]');
        rows.push({
          ucc: row.getAttribute('data-ucc'),
          id: row.getAttribute('data-correlation-id'),
          state: el ? el.getAttribute('data-state') : null,
          stale: el ? el.getAttribute('data-stale') === 'true' : true,
        });
      });
    } else {
      var el = document.querySelector('[data-testid="recording-state"]');
      if (el) rows.push({ ucc: null, id: null, state: el.getAttribute('data-state'), stale: el.getAttribute('data-stale') === 'true' });
    }
    return rows;
  }
  function note() {
    var now = Date.now();
    var hubEl = document.querySelector('[data-testid="hub-state"]');
    var hub = hubEl ? hubEl.getAttribute('data-state') : null;
    if (hub !== soak.hub) {
      soak.hub = hub;
      soak.connectedSince = hub === 'Connected' ? now : null;
      push(soak.transitions, { at: now, key: 'hub', state: hub, stale: false });
    }
    var rows = readRows();
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var key = row.id ? row.ucc + '|' + row.id : 'call';
      var value = row.state + (row.stale ? '~' : '');
      if (soak.shown[key] !== value) {
        soak.shown[key] = value;
        push(soak.transitions, { at: now, key: key, state: row.state, stale: row.stale });
      }
    }
  }
  new MutationObserver(note).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state', 'data-stale'],
  });
  window.__soakSample = function () {
    note();
    return { now: Date.now(), hub: soak.hub, connectedSince: soak.connectedSince, rows: readRows() };
  };
  window.__soakContext = function (since) {
    var after = function (entry) { return entry.at >= since; };
    return {
      transitions: soak.transitions.filter(after),
      requests: soak.requests.filter(after),
      hubMessages: soak.hubMessages.filter(after),
    };
  };

  var originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var started = Date.now();
    var url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    var method = ((init && init.method) || (input instanceof Request ? input.method : 'GET')).toUpperCase();
    var path = url;
    try { path = new URL(url, location.href).pathname.replace('/attendantservice/api', ''); } catch (e) {}
    var record = { at: started, method: method, path: path, status: null, ms: null, error: null, body: null };
    if (init && typeof init.body === 'string') record.body = '>' + init.body.slice(0, 120);
    push(soak.requests, record);
    return originalFetch(input, init).then(
      function (response) {
        record.status = response.status;
        response.clone().text().then(
          function (text) { record.ms = Date.now() - started; record.body = (record.body ? record.body + ' ' : '') + '<' + text.slice(0, 160); },
          function () { record.ms = Date.now() - started; }
        );
        return response;
      },
      function (error) {
        record.ms = Date.now() - started;
        record.error = String(error && error.name ? error.name + ': ' + error.message : error);
        throw error;
      }
    );
  };

  var NativeWebSocket = window.WebSocket;
  function RecordingWebSocket(url, protocols) {
    var socket = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
    push(soak.hubMessages, { at: Date.now(), text: 'websocket opening' });
    socket.addEventListener('message', function (event) {
      if (typeof event.data !== 'string') return;
      var frames = event.data.split('\u001e');
      for (var i = 0; i < frames.length; i++) {
        var frame = frames[i];
        if (frame && frame.indexOf('"type":6') === -1) push(soak.hubMessages, { at: Date.now(), text: frame.slice(0, 200) });
      }
    });
    socket.addEventListener('close', function (event) {
      push(soak.hubMessages, { at: Date.now(), text: 'websocket closed ' + event.code + (event.reason ? ' ' + event.reason : '') });
    });
    return socket;
  }
  RecordingWebSocket.prototype = NativeWebSocket.prototype;
  RecordingWebSocket.CONNECTING = 0;
  RecordingWebSocket.OPEN = 1;
  RecordingWebSocket.CLOSING = 2;
  RecordingWebSocket.CLOSED = 3;
  window.WebSocket = RecordingWebSocket;
})();`

/** One reading of a page: every recording-state it shows and its hub state, in one evaluate. */
export function readPage(page: Page): Promise<PageSample> {
  return page.evaluate('window.__soakSample()') as Promise<PageSample>
}

/** What the page recorded since `since` (Date.now()): shown values, requests, hub frames. */
export function readPageContext(page: Page, since: number): Promise<PageContext> {
  return page.evaluate(`window.__soakContext(${Math.floor(since)})`) as Promise<PageContext>
}
