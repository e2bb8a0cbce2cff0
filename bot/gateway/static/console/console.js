// The contact-centre agents' console. Plain JavaScript (ES2017), no build step.
// The contract it follows is docs/handoff.md.
(() => {
  "use strict";

  const POLL_MS = 5000;
  const RETRY_MIN_MS = 1000;
  const RETRY_MAX_MS = 30000;
  const SOUND_KEY = "councilbot.console.sound";
  const BASE_TITLE = document.title;

  const CATEGORIES = {
    immediate_danger: "Immediate danger",
    suicide_self_harm: "Suicide or self-harm",
    mental_health_crisis: "Mental health crisis",
    domestic_abuse: "Domestic abuse",
    child_at_risk: "Child at risk",
    adult_at_risk: "Adult at risk",
    sexual_violence: "Sexual violence",
    homeless_tonight: "Homeless tonight",
    modern_slavery: "Modern slavery",
    hate_crime: "Hate crime",
  };
  const REASONS = {
    request: "Asked for a person",
    failed_turns: "The assistant could not help",
    sensitive: "Sensitive topic",
  };
  const FINISHED = {
    resolved: "Resolved",
    returned: "Back with the assistant",
    abandoned: "Abandoned (resident left)",
  };

  const $ = (id) => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  };

  const state = {
    me: null,
    csrf: "",
    queue: [],
    queueLoaded: false,
    knownIds: new Set(),
    lastAlertAt: new Map(),
    unseenAlerts: [],
    claimedByMe: new Set(),
    unread: new Set(), // conversations of mine, not open, with a new message from the resident
    open: null, // {id, handoff, seqs: Set}
    socket: null,
    socketEverOpened: false,
    firstFrame: false,
    retries: 0,
    retryTimer: null,
    pollTimer: null,
    view: "queue",
    audio: null,
    soundOn: false,
  };

  // ---- Talking to the gateway ------------------------------------------------

  class ApiError extends Error {
    constructor(status, code, message, body) {
      super(message);
      this.status = status;
      this.code = code;
      this.body = body;
    }
  }

  function signInAgain() {
    window.location.assign("/console");
  }

  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    if (method !== "GET") { headers["X-CSRF-Token"] = state.csrf; }
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      throw new ApiError(0, "network",
        "The console could not reach the server. Check your connection, then try again.");
    }
    if (response.status === 401) {
      signInAgain();
      throw new ApiError(401, "signed_out", "You are signed out. Sign in again to carry on.");
    }
    let data = {};
    try { data = await response.json(); } catch (error) { data = {}; }
    if (!response.ok) {
      const error = (data && data.error) || {};
      if (error.code === "csrf_failed") { refreshToken(); }
      throw new ApiError(response.status, error.code || "http_" + response.status,
        error.message || "Something went wrong (error " + response.status + "). Try again, or refresh the page.",
        data);
    }
    return data;
  }

  async function refreshToken() {
    try { applyMe(await api("GET", "/console/api/me")); } catch (error) { /* shown by the caller */ }
  }

  // ---- Words for codes ---------------------------------------------------------

  function words(code) {
    const text = String(code || "").replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function categoryOf(h) {
    const category = h.category || (String(h.reason || "").startsWith("sensitive:")
      ? String(h.reason).slice("sensitive:".length) : "");
    return category ? CATEGORIES[category] || words(category) : "";
  }

  function reasonOf(h) {
    const reason = String(h.reason || "");
    const key = reason.startsWith("sensitive") ? "sensitive" : reason;
    return REASONS[key] || words(reason) || "Not recorded";
  }

  function nameOf(agent) {
    if (!agent) { return ""; }
    if (typeof agent === "string") { return agent; }
    return agent.name || agent.username || "";
  }

  function isMine(h) {
    if (!h || h.status !== "active" || !state.me) { return false; }
    if (h.agent_username) { return h.agent_username === state.me.username; }
    if (h.agent) {
      const agent = h.agent;
      const names = (typeof agent === "string" ? [agent] : [agent.username, agent.name]).filter(Boolean);
      return names.includes(state.me.username) || names.includes(state.me.name);
    }
    return state.claimedByMe.has(h.id);
  }

  function statusText(h) {
    if (h.status === "waiting") { return "Waiting"; }
    if (h.status === "active") {
      if (isMine(h)) { return "With you"; }
      const name = nameOf(h.agent);
      return name ? "With " + name : "With an agent";
    }
    return FINISHED[h.status] || words(h.status);
  }

  function statusTag(h) {
    const colour = h.status === "waiting" ? "" : h.status === "active" ? " govuk-tag--green" : " govuk-tag--grey";
    return el("strong", "govuk-tag" + colour, statusText(h));
  }

  function urgentTag() {
    return el("strong", "govuk-tag govuk-tag--red app-urgent-tag", "Urgent");
  }

  function isUrgent(h) {
    return h.priority === "urgent";
  }

  function outcomeLabel(id) {
    if (!id) { return ""; }
    const outcome = ((state.me && state.me.outcomes) || []).find((o) => o.id === id);
    return outcome ? outcome.label : words(id);
  }

  function toDate(value) {
    if (value === null || value === undefined || value === "") { return null; }
    const date = typeof value === "number" ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  function formatTime(value) {
    const date = toDate(value);
    if (!date) { return ""; }
    return date.toLocaleString("en-GB", {
      day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
  }

  function duration(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const hours = Math.floor(s / 3600);
    const minutes = Math.floor((s % 3600) / 60);
    const rest = s % 60;
    if (hours) { return hours + " h " + minutes + " min"; }
    if (minutes) { return minutes + " min " + rest + " s"; }
    return rest + " s";
  }

  // When the handoff started waiting, in this browser's clock: the gateway's
  // waiting_seconds is counted on from when the summary arrived.
  function waitingSince(h) {
    if (typeof h.waiting_seconds === "number") { return Date.now() - h.waiting_seconds * 1000; }
    const created = toDate(h.created_at);
    return created ? created.getTime() : null;
  }

  function lastMessageText(h) {
    const last = h.last_message;
    if (!last) { return ""; }
    const text = typeof last === "string" ? last : last.text || "";
    return text.length > 90 ? text.slice(0, 87) + "..." : text;
  }

  // ---- Announcements, problems and the alert cues -------------------------------

  function announce(text, urgent) {
    const region = $(urgent ? "announce-urgent" : "announce-polite");
    region.textContent = "";
    setTimeout(() => { region.textContent = text; }, 50);
  }

  function showProblem(message, where) {
    const box = $(where || "problem");
    box.replaceChildren();
    if (!message) { return; }
    const summary = el("div", "govuk-error-summary");
    const alert = el("div");
    alert.setAttribute("role", "alert");
    alert.append(el("h2", "govuk-error-summary__title", "There is a problem"));
    const body = el("div", "govuk-error-summary__body");
    body.append(el("p", "govuk-body", message));
    alert.append(body);
    summary.append(alert);
    box.append(summary);
  }

  function clearProblems() {
    showProblem("", "problem");
    showProblem("", "conversation-problem");
  }

  function handleError(error, where) {
    if (error && error.status === 401) { return; }
    showProblem(error && error.message ? error.message : String(error), where);
  }

  function beep(urgent) {
    const audio = state.audio;
    if (!state.soundOn || !audio) { return; }
    if (audio.state === "suspended") { audio.resume(); }
    const count = urgent ? 3 : 1;
    for (let i = 0; i < count; i += 1) {
      const start = audio.currentTime + 0.05 + i * 0.28;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = urgent ? 988 : 660;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.22);
    }
  }

  function audioContext() {
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (!state.audio && AudioContext) { state.audio = new AudioContext(); }
    return state.audio;
  }

  function renderSoundToggle() {
    const button = $("sound-toggle");
    if (!(window.AudioContext || window.webkitAudioContext)) {
      button.hidden = true;
      return;
    }
    button.textContent = state.soundOn ? "Turn sound alerts off" : "Turn sound alerts on";
  }

  function setupSound() {
    try { state.soundOn = window.localStorage.getItem(SOUND_KEY) === "on"; } catch (error) { state.soundOn = false; }
    renderSoundToggle();
    $("sound-toggle").addEventListener("click", () => {
      state.soundOn = !state.soundOn;
      try { window.localStorage.setItem(SOUND_KEY, state.soundOn ? "on" : "off"); } catch (error) { /* private mode */ }
      renderSoundToggle();
      if (state.soundOn && audioContext()) { beep(false); }
      announce(state.soundOn ? "Sound alerts are on." : "Sound alerts are off.");
    });
    if (state.soundOn) {
      // Browsers start audio only after a person does something on the page.
      const unlock = () => {
        const audio = audioContext();
        if (audio && audio.state === "suspended") { audio.resume(); }
        document.removeEventListener("pointerdown", unlock);
        document.removeEventListener("keydown", unlock);
      };
      document.addEventListener("pointerdown", unlock);
      document.addEventListener("keydown", unlock);
    }
  }

  function describe(h) {
    const category = categoryOf(h);
    return (isUrgent(h) ? "Urgent: " : "") + reasonOf(h) + (category ? ", " + category : "");
  }

  function alertFor(h) {
    if (!h || h.id === undefined) { return; }
    const last = state.lastAlertAt.get(h.id);
    if (last && Date.now() - last < 10000) { return; }
    state.lastAlertAt.set(h.id, Date.now());
    state.unseenAlerts = state.unseenAlerts.filter((a) => a.id !== h.id);
    state.unseenAlerts.push(h);
    renderAlertBanner();
    beep(isUrgent(h));
    announce("New conversation waiting. " + describe(h) + ".", isUrgent(h));
  }

  function renderAlertBanner() {
    const banner = $("alert-banner");
    const alerts = state.unseenAlerts;
    if (!alerts.length) {
      banner.hidden = true;
      return;
    }
    const urgent = alerts.some(isUrgent);
    const latest = alerts[alerts.length - 1];
    banner.classList.toggle("app-alert-banner--urgent", urgent);
    $("alert-banner-title").textContent = urgent ? "Urgent conversation waiting" : "New conversation waiting";
    $("alert-banner-text").textContent = describe(latest) +
      (alerts.length > 1 ? " (and " + (alerts.length - 1) + " more since you last looked)" : "");
    banner.hidden = false;
  }

  function dismissAlerts() {
    state.unseenAlerts = [];
    renderAlertBanner();
  }

  function updateTitle() {
    const waiting = state.queue.filter((h) => h.status === "waiting");
    const urgent = waiting.filter(isUrgent).length;
    document.title = waiting.length
      ? "(" + waiting.length + " waiting" + (urgent ? ", " + urgent + " urgent" : "") + ") " + BASE_TITLE
      : BASE_TITLE;
  }

  // ---- Who is signed in ----------------------------------------------------------

  function applyMe(me) {
    if (!me) { return; }
    state.me = me;
    if (me.csrf_token) {
      state.csrf = me.csrf_token;
      $("sign-out-csrf").value = me.csrf_token;
    }
    const supervisor = me.role === "supervisor";
    $("signed-in-as").textContent = "Signed in as " + (me.name || me.username) +
      (supervisor ? " (supervisor)" : "");
    const available = me.availability === "available";
    $("availability-text").textContent = available
      ? "You are available for conversations" : "You are away";
    const toggle = $("availability-toggle");
    toggle.textContent = available ? "Set yourself as away" : "Set yourself as available";
    toggle.disabled = false;
    document.querySelectorAll("[data-view=all], [data-view=audit], [data-view=reports]").forEach((item) => {
      item.hidden = !supervisor;
    });
    renderCanned(me.canned_responses || []);
    renderOutcomes(me.outcomes || []);
  }

  async function toggleAvailability() {
    const next = state.me && state.me.availability === "available" ? "away" : "available";
    const button = $("availability-toggle");
    button.disabled = true;
    try {
      applyMe(await api("POST", "/console/api/availability", { availability: next }));
      showProblem("", "problem");
      announce(next === "available" ? "You are available for conversations." : "You are away.");
    } catch (error) {
      handleError(error);
    } finally {
      button.disabled = false;
    }
  }

  // ---- The queue -------------------------------------------------------------------

  function startedAt(h) {
    const created = toDate(h.created_at);
    return created ? created.getTime() : waitingSince(h) || 0;
  }

  function sortQueue(handoffs) {
    return handoffs.slice().sort((a, b) => {
      if (isUrgent(a) !== isUrgent(b)) { return isUrgent(a) ? -1 : 1; }
      return startedAt(a) - startedAt(b);
    });
  }

  function setQueue(handoffs, fromPolling) {
    const list = sortQueue(handoffs || []);
    if (state.queueLoaded) {
      list.filter((h) => h.status === "waiting" && !state.knownIds.has(h.id)).forEach((h) => {
        // With the live connection the gateway sends an alert frame; while
        // polling, or in a gap, a new id in the queue is the only sign.
        if (fromPolling) { alertFor(h); }
      });
    }
    list.forEach((h) => state.knownIds.add(h.id));
    state.queueLoaded = true;
    state.queue = list;
    const ids = new Set(list.map((h) => h.id));
    state.unread.forEach((id) => { if (!ids.has(id)) { state.unread.delete(id); } });
    state.unseenAlerts = state.unseenAlerts.filter((a) => ids.has(a.id) &&
      list.find((h) => h.id === a.id).status === "waiting");
    renderAlertBanner();
    renderQueue();
    updateTitle();
    if (state.open && ids.has(state.open.id)) {
      const fresh = list.find((h) => h.id === state.open.id);
      const before = state.open.handoff;
      if (fresh.status !== before.status || nameOf(fresh.agent) !== nameOf(before.agent) ||
          fresh.priority !== before.priority) {
        state.open.handoff = Object.assign({}, before, fresh);
        renderConversation();
      }
    }
  }

  function waitingCell(h) {
    const cell = el("td", "govuk-table__cell app-waiting");
    const since = waitingSince(h);
    if (h.status === "waiting" && since !== null) {
      cell.dataset.since = String(since);
      cell.textContent = duration((Date.now() - since) / 1000);
    } else if (typeof h.waiting_seconds === "number") {
      cell.textContent = duration(h.waiting_seconds);
    }
    return cell;
  }

  function conversationCell(h) {
    const cell = el("td", "govuk-table__cell");
    if (isUrgent(h)) { cell.append(urgentTag(), " "); }
    if (state.unread.has(h.id)) { cell.append(el("strong", "govuk-tag govuk-tag--yellow", "New message"), " "); }
    cell.append(el("span", "app-reason", reasonOf(h)));
    const category = categoryOf(h);
    if (category) { cell.append(el("span", "app-category", category)); }
    const last = lastMessageText(h);
    if (last) { cell.append(el("span", "app-last-message", "Last message: " + last)); }
    return cell;
  }

  function openButton(h, text) {
    const button = el("button", "govuk-button govuk-button--secondary app-small-button");
    button.type = "button";
    button.dataset.handoff = String(h.id);
    button.append(text || "Open");
    const started = formatTime(h.created_at);
    button.append(el("span", "govuk-visually-hidden",
      " the conversation: " + describe(h) + (started ? ", started " + started : "")));
    button.addEventListener("click", () => {
      if (state.view !== "queue") { window.location.hash = "#queue"; }
      openConversation(h.id);
    });
    return button;
  }

  function renderQueue() {
    const body = $("queue-body");
    // The rows are rebuilt on every change; keep a keyboard user's place.
    const focused = body.contains(document.activeElement) && document.activeElement.dataset.handoff;
    body.replaceChildren();
    state.queue.forEach((h) => {
      const row = el("tr", "govuk-table__row" + (isUrgent(h) ? " app-row--urgent" : ""));
      if (state.open && state.open.id === h.id) {
        row.classList.add("app-row--open");
        row.setAttribute("aria-current", "true");
      }
      row.append(conversationCell(h), waitingCell(h));
      const status = el("td", "govuk-table__cell");
      status.append(statusTag(h));
      row.append(status);
      const action = el("td", "govuk-table__cell app-action-cell");
      action.append(openButton(h));
      row.append(action);
      body.append(row);
    });
    const waiting = state.queue.filter((h) => h.status === "waiting");
    const urgent = waiting.filter(isUrgent).length;
    $("queue-summary").textContent = !state.queue.length ? "No conversations are waiting."
      : waiting.length + (waiting.length === 1 ? " conversation" : " conversations") + " waiting" +
        (urgent ? ", " + urgent + " urgent" : "") + ". " +
        (state.queue.length - waiting.length) + " with agents.";
    $("queue-table-wrapper").hidden = !state.queue.length;
    if (focused) {
      const again = Array.from(body.querySelectorAll("button")).find((b) => b.dataset.handoff === focused);
      (again || $("queue-heading")).focus();
    }
  }

  function tick() {
    document.querySelectorAll("[data-since]").forEach((cell) => {
      cell.textContent = duration((Date.now() - Number(cell.dataset.since)) / 1000);
    });
  }

  async function pollQueue() {
    try {
      const data = await api("GET", "/console/api/queue");
      setQueue(data.handoffs, true);
      showProblem("", "problem");
    } catch (error) {
      handleError(error);
    }
  }

  // ---- The live connection ---------------------------------------------------------

  function startPolling() {
    $("connection-banner").hidden = false;
    if (state.pollTimer) { return; }
    pollQueue();
    state.pollTimer = setInterval(pollQueue, POLL_MS);
  }

  function stopPolling() {
    clearInterval(state.pollTimer);
    state.pollTimer = null;
    $("connection-banner").hidden = true;
  }

  function scheduleReconnect() {
    clearTimeout(state.retryTimer);
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * Math.pow(2, state.retries));
    state.retries += 1;
    state.retryTimer = setTimeout(connect, delay / 2 + Math.random() * delay / 2);
  }

  function connect() {
    if (!("WebSocket" in window)) { startPolling(); return; }
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + window.location.host + "/console/live");
    socket.addEventListener("open", () => {
      const wasDown = state.socketEverOpened;
      state.socket = socket;
      state.socketEverOpened = true;
      state.firstFrame = true;
      stopPolling();
      if (wasDown && state.open) { openConversation(state.open.id, { keepFocus: true }); }
    });
    socket.addEventListener("message", (event) => {
      state.retries = 0;
      let frame;
      try { frame = JSON.parse(event.data); } catch (error) { return; }
      onFrame(frame);
    });
    socket.addEventListener("close", () => {
      if (state.socket === socket) { state.socket = null; }
      startPolling();
      scheduleReconnect();
    });
  }

  function onFrame(frame) {
    if (frame.type === "queue") {
      // The first snapshot after a reconnect may hold handoffs that arrived in the gap.
      setQueue(frame.handoffs, state.firstFrame);
      state.firstFrame = false;
    } else if (frame.type === "alert") {
      alertFor(frame.handoff);
      if (frame.handoff && !state.queue.some((h) => h.id === frame.handoff.id)) {
        state.knownIds.add(frame.handoff.id);
        state.queue = sortQueue(state.queue.concat([frame.handoff]));
        renderQueue();
        updateTitle();
      }
    } else if (frame.type === "message" && frame.message) {
      const id = String(frame.handoff_id);
      const fromResident = frame.message.from === "resident";
      if (state.open && id === String(state.open.id)) {
        if (addMessage(frame.message) && fromResident) {
          announce("The resident said: " + frame.message.text);
        }
      }
      const queued = state.queue.find((h) => String(h.id) === id);
      if (queued) {
        queued.last_message = frame.message.text;
        if (fromResident && isMine(queued) && !(state.open && id === String(state.open.id))) {
          state.unread.add(queued.id);
          announce("New message from the resident in another conversation you are handling.");
        }
        renderQueue();
      }
    }
  }

  // ---- One conversation ------------------------------------------------------------

  function speaker(message) {
    switch (message.from) {
      case "resident": return "Resident";
      case "assistant": return "Assistant (AI)";
      case "agent": {
        const name = message.agent || "Agent";
        const me = state.me && (name === state.me.name || name === state.me.username);
        return name + (me ? " (you)" : "") + ", contact team";
      }
      case "system": return "Automatic message";
      default: return words(message.from) || "Message";
    }
  }

  function messageItem(message) {
    const item = el("li", "app-message app-message--" + (message.from || "unknown"));
    if (typeof message.seq === "number") { item.dataset.seq = String(message.seq); }
    const head = el("p", "app-message__from");
    head.append(el("span", "app-message__speaker", speaker(message) + ":"));
    if (message.kind === "signposting") {
      head.append(" ", el("strong", "govuk-tag govuk-tag--red", "Help lines given"));
    }
    const time = formatTime(message.at || message.created_at);
    if (time) { head.append(" ", el("span", "app-message__time", time)); }
    item.append(head, el("p", "app-message__text", message.text || ""));
    if (message.buttons && message.buttons.length) {
      item.append(el("p", "app-message__extra",
        "Buttons offered: " + message.buttons.map((b) => b.title).join(", ")));
    }
    if (message.sources && message.sources.length) {
      item.append(el("p", "app-message__extra",
        "Sources: " + message.sources.map((s) => s.title).join(", ")));
    }
    return item;
  }

  // Adds one message to the open transcript, once per seq, in seq order.
  function addMessage(message) {
    const open = state.open;
    if (!open) { return false; }
    const seq = typeof message.seq === "number" ? message.seq : null;
    if (seq !== null) {
      if (open.seqs.has(seq)) { return false; }
      open.seqs.add(seq);
    }
    const list = $("transcript");
    const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const item = messageItem(message);
    const later = seq === null ? null
      : Array.from(list.children).find((li) => li.dataset.seq && Number(li.dataset.seq) > seq);
    list.insertBefore(item, later || null);
    // Follow the conversation unless the agent has scrolled back to read.
    if (atEnd && !later) { list.scrollTop = list.scrollHeight; }
    return true;
  }

  async function openConversation(id, options) {
    const keepFocus = options && options.keepFocus;
    try {
      const data = await api("GET", "/console/api/handoffs/" + encodeURIComponent(id));
      const same = state.open && state.open.id === id;
      state.unread.delete(id);
      state.open = { id, handoff: data.handoff, seqs: same ? state.open.seqs : new Set() };
      if (!same) {
        $("transcript").replaceChildren();
        $("reply").value = "";
        clearFieldErrors();
        showProblem("", "conversation-problem");
      }
      (data.messages || []).forEach(addMessage);
      renderConversation();
      if (!same) { $("transcript").scrollTop = $("transcript").scrollHeight; }
      renderQueue();
      if (state.unseenAlerts.some((a) => a.id === id)) {
        state.unseenAlerts = state.unseenAlerts.filter((a) => a.id !== id);
        renderAlertBanner();
      }
      if (!keepFocus) { $("conversation-heading").focus(); }
    } catch (error) {
      handleError(error, state.open ? "conversation-problem" : "problem");
    }
  }

  function summaryRow(list, key, value) {
    const row = el("div", "govuk-summary-list__row");
    row.append(el("dt", "govuk-summary-list__key", key));
    const cell = el("dd", "govuk-summary-list__value");
    if (value instanceof Node) { cell.append(value); } else { cell.textContent = value || "None"; }
    row.append(cell);
    list.append(row);
  }

  function renderConversation() {
    const open = state.open;
    $("conversation-empty").hidden = !!open;
    $("conversation-body").hidden = !open;
    if (!open) { return; }
    const h = open.handoff || {};
    $("conversation-heading").textContent = (isUrgent(h) ? "Urgent conversation" : "Conversation");

    const summary = $("conversation-summary");
    summary.replaceChildren();
    const priority = document.createDocumentFragment();
    if (isUrgent(h)) { priority.append(urgentTag()); } else { priority.append("Normal"); }
    summaryRow(summary, "Priority", priority);
    summaryRow(summary, "Reason", reasonOf(h));
    summaryRow(summary, "Category", categoryOf(h) || "None");
    summaryRow(summary, "Status", statusTag(h));
    summaryRow(summary, "Started", formatTime(h.created_at));
    if (h.status === "waiting" && waitingSince(h) !== null) {
      const waiting = el("span", "", duration((Date.now() - waitingSince(h)) / 1000));
      waiting.dataset.since = String(waitingSince(h));
      summaryRow(summary, "Waiting", waiting);
    }
    if (h.agent) { summaryRow(summary, "Agent", nameOf(h.agent)); }
    if (h.outcome) { summaryRow(summary, "Outcome", outcomeLabel(h.outcome)); }

    const mine = isMine(h);
    if (h.status !== "active") { state.claimedByMe.delete(h.id); }
    $("claim").hidden = h.status !== "waiting";
    $("agent-controls").hidden = !mine;
    let note = "";
    if (h.status === "waiting") {
      note = "Nobody is handling this conversation yet. Claim it to reply; the resident is told a person has joined.";
    } else if (h.status === "active" && !mine) {
      note = (nameOf(h.agent) || "Another agent") + " is handling this conversation.";
    } else if (FINISHED[h.status]) {
      note = "This conversation has finished: " + FINISHED[h.status].toLowerCase() + ".";
    }
    $("conversation-note").textContent = note;
    $("conversation-note").hidden = !note;
  }

  function setBusy(busy) {
    ["claim", "send-reply", "resolve", "hand-back", "release"].forEach((id) => { $(id).disabled = busy; });
  }

  async function act(path, body, done) {
    if (!state.open) { return; }
    const id = state.open.id;
    setBusy(true);
    try {
      const data = await api("POST", "/console/api/handoffs/" + encodeURIComponent(id) + path, body);
      showProblem("", "conversation-problem");
      if (state.open && state.open.id === id) { done(data || {}); }
    } catch (error) {
      handleError(error, "conversation-problem");
      if (error.status === 409 && error.body && error.body.handoff && state.open) {
        state.open.handoff = Object.assign({}, state.open.handoff, error.body.handoff);
        renderConversation();
      }
    } finally {
      setBusy(false);
    }
  }

  function afterMove(data, status, announcement) {
    const h = data.handoff || Object.assign({}, state.open.handoff, { status });
    state.open.handoff = h;
    renderConversation();
    announce(announcement);
    $("conversation-heading").focus();
  }

  function claim() {
    act("/claim", undefined, (data) => {
      state.claimedByMe.add(state.open.id);
      const h = data.handoff || Object.assign({}, state.open.handoff, { status: "active" });
      if (!h.agent && state.me) { h.agent = state.me.name || state.me.username; }
      state.open.handoff = h;
      renderConversation();
      announce("You have claimed this conversation. The resident has been told a person has joined.");
      $("reply").focus();
    });
  }

  function clearFieldErrors() {
    $("reply-group").classList.remove("govuk-form-group--error");
    $("reply-error").hidden = true;
    $("reply").classList.remove("govuk-textarea--error");
    $("reply").setAttribute("aria-describedby", "reply-hint");
    $("outcome-group").classList.remove("govuk-form-group--error");
    $("outcome-error").hidden = true;
    $("outcome-fieldset").removeAttribute("aria-describedby");
  }

  function sendReply(event) {
    event.preventDefault();
    const box = $("reply");
    const text = box.value.trim();
    clearFieldErrors();
    if (!text) {
      $("reply-group").classList.add("govuk-form-group--error");
      $("reply-error").hidden = false;
      box.classList.add("govuk-textarea--error");
      box.setAttribute("aria-describedby", "reply-hint reply-error");
      box.focus();
      return;
    }
    if ($("send-reply").disabled) { return; }
    act("/messages", { text }, (data) => {
      if (data.message) { addMessage(data.message); }
      if (box.value.trim() === text) { box.value = ""; }
      $("canned").value = "";
      box.focus();
    });
  }

  function resolve(event) {
    event.preventDefault();
    clearFieldErrors();
    const chosen = document.querySelector("input[name=outcome]:checked");
    if (!chosen) {
      $("outcome-group").classList.add("govuk-form-group--error");
      $("outcome-error").hidden = false;
      $("outcome-fieldset").setAttribute("aria-describedby", "outcome-error");
      const first = document.querySelector("input[name=outcome]");
      if (first) { first.focus(); }
      return;
    }
    act("/resolve", { outcome: chosen.value }, (data) => {
      chosen.checked = false;
      const h = data.handoff || Object.assign({}, state.open.handoff, { status: "resolved", outcome: chosen.value });
      afterMove({ handoff: h }, "resolved",
        "Conversation resolved. The resident is back with the assistant.");
    });
  }

  function handBack() {
    act("/hand-back", undefined, (data) => afterMove(data, "returned",
      "Conversation handed back. The resident is back with the assistant."));
  }

  function release() {
    act("/release", undefined, (data) => {
      state.claimedByMe.delete(state.open.id);
      const h = data.handoff || Object.assign({}, state.open.handoff, { status: "waiting", agent: null });
      afterMove({ handoff: h }, "waiting", "Conversation released. It is back in the queue.");
    });
  }

  // ---- Canned responses and outcomes ------------------------------------------------

  function cannedText(item) {
    return typeof item === "string" ? item : (item && (item.text || item.body)) || "";
  }

  function renderCanned(items) {
    const select = $("canned");
    const chosen = select.value;
    select.replaceChildren(el("option", "", "Choose a response"));
    select.firstChild.value = "";
    items.forEach((item, i) => {
      const text = cannedText(item);
      if (!text) { return; }
      const title = (item && item.title) || (text.length > 70 ? text.slice(0, 67) + "..." : text);
      const option = el("option", "", title);
      option.value = String(i);
      option.dataset.text = text;
      select.append(option);
    });
    select.value = chosen;
    select.closest(".govuk-form-group").hidden = select.options.length < 2;
  }

  function useCanned() {
    const select = $("canned");
    const option = select.options[select.selectedIndex];
    if (!option || !option.dataset.text) { return; }
    const box = $("reply");
    const current = box.value.trim();
    const cannedNow = Array.from(select.options).some((o) => o.dataset.text && o.dataset.text === current);
    // Never throw away what the agent typed: a canned response replaces only
    // an empty box or another canned response, and otherwise goes on the end.
    box.value = !current || cannedNow ? option.dataset.text : box.value.replace(/\s+$/, "") + "\n" + option.dataset.text;
  }

  function renderOutcomes(outcomes) {
    const container = $("outcomes");
    const chosen = (document.querySelector("input[name=outcome]:checked") || {}).value;
    container.replaceChildren();
    outcomes.forEach((outcome, i) => {
      const item = el("div", "govuk-radios__item");
      const input = el("input", "govuk-radios__input");
      input.type = "radio";
      input.name = "outcome";
      input.id = i ? "outcome-" + (i + 1) : "outcome";
      input.value = outcome.id;
      input.checked = outcome.id === chosen;
      const label = el("label", "govuk-label govuk-radios__label", outcome.label);
      label.htmlFor = input.id;
      item.append(input, label);
      container.append(item);
    });
  }

  // ---- Supervisors' views -----------------------------------------------------------

  function cell(content) {
    const td = el("td", "govuk-table__cell");
    if (content instanceof Node) { td.append(content); } else { td.textContent = content || ""; }
    return td;
  }

  async function loadAll() {
    $("all-summary").textContent = "Loading...";
    try {
      const data = await api("GET", "/console/api/handoffs?status=all");
      const handoffs = data.handoffs || [];
      const body = $("all-body");
      body.replaceChildren();
      handoffs.forEach((h) => {
        const row = el("tr", "govuk-table__row");
        const what = document.createDocumentFragment();
        if (isUrgent(h)) { what.append(urgentTag(), " "); }
        what.append(reasonOf(h) + (categoryOf(h) ? ": " + categoryOf(h) : ""));
        row.append(cell(formatTime(h.created_at)), cell(what), cell(statusTag(h)),
          cell(nameOf(h.agent)), cell(outcomeLabel(h.outcome)));
        const action = el("td", "govuk-table__cell app-action-cell");
        action.append(openButton(h));
        row.append(action);
        body.append(row);
      });
      $("all-summary").textContent = handoffs.length
        ? handoffs.length + (handoffs.length === 1 ? " conversation." : " conversations.")
        : "No conversations have been handed to a person yet.";
      $("all-table-wrapper").hidden = !handoffs.length;
    } catch (error) {
      $("all-summary").textContent = "";
      handleError(error);
    }
  }

  async function loadAudit() {
    $("audit-summary").textContent = "Loading...";
    try {
      const data = await api("GET", "/console/api/audit?limit=200");
      const entries = data.entries || [];
      const body = $("audit-body");
      body.replaceChildren();
      entries.forEach((entry) => {
        const row = el("tr", "govuk-table__row");
        let conversation = "";
        if (entry.handoff_id !== null && entry.handoff_id !== undefined) {
          conversation = openButton({ id: entry.handoff_id, reason: "" }, "Open");
          conversation.lastChild.textContent = " conversation " + entry.handoff_id;
        }
        row.append(cell(formatTime(entry.at)), cell(nameOf(entry.actor)), cell(words(entry.action)),
          cell(conversation));
        body.append(row);
      });
      $("audit-summary").textContent = entries.length ? "" : "The audit log is empty.";
      $("audit-table-wrapper").hidden = !entries.length;
    } catch (error) {
      $("audit-summary").textContent = "";
      handleError(error);
    }
  }

  // ---- Views ---------------------------------------------------------------------------

  function showView() {
    const supervisor = state.me && state.me.role === "supervisor";
    let view = (window.location.hash || "#queue").slice(1);
    if (!["queue", "all", "audit"].includes(view) || (view !== "queue" && !supervisor)) { view = "queue"; }
    state.view = view;
    ["queue", "all", "audit"].forEach((name) => {
      $("view-" + name).hidden = name !== view;
      const item = document.querySelector("[data-view=" + name + "]");
      const link = item.querySelector("a");
      item.classList.toggle("govuk-service-navigation__item--active", name === view);
      if (name === view) { link.setAttribute("aria-current", "page"); } else { link.removeAttribute("aria-current"); }
    });
    if (view === "all") { loadAll(); }
    if (view === "audit") { loadAudit(); }
  }

  // ---- Start ---------------------------------------------------------------------------

  function wire() {
    $("availability-toggle").addEventListener("click", toggleAvailability);
    $("alert-dismiss").addEventListener("click", dismissAlerts);
    $("alert-open").addEventListener("click", () => {
      const latest = state.unseenAlerts[state.unseenAlerts.length - 1];
      if (!latest) { return; }
      if (state.view !== "queue") { window.location.hash = "#queue"; }
      openConversation(latest.id);
    });
    $("claim").addEventListener("click", claim);
    $("reply-form").addEventListener("submit", sendReply);
    $("reply").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $("reply-form").requestSubmit();
      }
    });
    $("canned").addEventListener("change", useCanned);
    $("resolve-form").addEventListener("submit", resolve);
    $("hand-back").addEventListener("click", handBack);
    $("release").addEventListener("click", release);
    $("all-refresh").addEventListener("click", loadAll);
    $("audit-refresh").addEventListener("click", loadAudit);
    window.addEventListener("hashchange", showView);
    window.addEventListener("online", () => {
      if (!state.socket) { clearTimeout(state.retryTimer); state.retries = 0; connect(); }
    });
    setInterval(tick, 1000);
  }

  async function start() {
    wire();
    setupSound();
    try {
      applyMe(await api("GET", "/console/api/me"));
    } catch (error) {
      handleError(error);
      return;
    }
    showView();
    clearProblems();
    await pollQueue();
    connect();
  }

  start();
})();
