// The sandbox page: refreshes its regions when the workspace changes and turns clicks,
// typing and submissions into the interactions Slack would send to the bot.
"use strict";

const state = JSON.parse(document.body.dataset.state);
let poller = null;

function query(extra) {
  const params = new URLSearchParams({ as: state.as, c: state.c });
  if (state.t) params.set("t", state.t);
  for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
  return params.toString();
}

async function post(action, body) {
  const response = await fetch("/do/" + action, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(Object.assign({ as: state.as }, body)),
  });
  if (!response.ok) toast(await response.text());
  return response.ok ? response.json() : null;
}

function toast(text) {
  const box = document.getElementById("toast");
  box.textContent = text;
  box.classList.add("shown");
  clearTimeout(box.hideLater);
  box.hideLater = setTimeout(() => box.classList.remove("shown"), 6000);
}

// ---- reading what a person entered -------------------------------------------------------

function rawValue(control) {
  const kind = control.dataset.kind;
  if (kind === "checkboxes" || kind === "radio_buttons") {
    const checked = [...control.querySelectorAll("input:checked")].map((box) => box.value);
    return kind === "checkboxes" ? checked : checked[0] || null;
  }
  if (control.tagName === "SELECT") {
    if (control.multiple) return [...control.selectedOptions].map((option) => option.value);
    return control.value || null;
  }
  return control.value;
}

function valuesOf(surface) {
  const values = {};
  for (const control of surface.querySelectorAll("[data-action][data-kind]")) {
    if (control.dataset.kind === "button" || control.dataset.kind === "overflow") continue;
    const block = control.dataset.block;
    values[block] = values[block] || {};
    values[block][control.dataset.action] = rawValue(control);
  }
  return values;
}

function targetOf(control) {
  const message = control.closest("[data-ts]");
  if (message) return { channel: message.dataset.channel, ts: message.dataset.ts };
  const view = control.closest("[data-view]");
  return view ? { view: view.dataset.view, values: valuesOf(view) } : null;
}

function act(control, value) {
  const target = targetOf(control);
  if (!target) return;
  post("click", Object.assign(target, { block: control.dataset.block, action: control.dataset.action, value }));
}

// ---- keeping a modal's entries when the bot updates it -----------------------------------

function remember(region) {
  const view = region.querySelector("[data-view]");
  if (!view) return null;
  const focused = document.activeElement;
  const kept = { view: view.dataset.view, values: valuesOf(view), focus: null };
  if (focused && view.contains(focused) && focused.dataset.action) {
    kept.focus = { block: focused.dataset.block, action: focused.dataset.action, at: focused.selectionStart };
  }
  return kept;
}

function restore(region, kept) {
  const view = region.querySelector("[data-view]");
  if (!kept || !view || view.dataset.view !== kept.view) return;
  for (const control of view.querySelectorAll("[data-action][data-kind]")) {
    const entered = (kept.values[control.dataset.block] || {})[control.dataset.action];
    if (entered === undefined) continue;
    const kind = control.dataset.kind;
    if (kind === "checkboxes" || kind === "radio_buttons") {
      const chosen = [].concat(entered || []);
      for (const box of control.querySelectorAll("input")) box.checked = chosen.includes(box.value);
    } else if (control.tagName === "SELECT" && control.multiple) {
      for (const option of control.options) option.selected = (entered || []).includes(option.value);
    } else {
      control.value = entered === null ? "" : entered;
    }
    const focus = kept.focus;
    if (focus && focus.block === control.dataset.block && focus.action === control.dataset.action) {
      control.focus();
      if (typeof focus.at === "number" && control.setSelectionRange) control.setSelectionRange(focus.at, focus.at);
    }
  }
}

// ---- refreshing regions -------------------------------------------------------------------

function show(parts) {
  for (const [name, html] of Object.entries(parts)) {
    const region = document.getElementById(name);
    if (!region || region.dataset.shown === html) continue;
    const probe = document.createElement("template");
    probe.innerHTML = html;
    if (probe.innerHTML === region.innerHTML) {
      region.dataset.shown = html; // the same page, as the browser writes it: nothing to redraw
      continue;
    }
    const messages = region.querySelector("#messages");
    const atBottom = !messages || messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
    const kept = name === "modal" || name === "main" ? remember(region) : null;
    region.innerHTML = html;
    region.dataset.shown = html;
    restore(region, kept);
    const fresh = region.querySelector("#messages");
    if (fresh && atBottom) fresh.scrollTop = fresh.scrollHeight;
  }
}

async function poll(immediately) {
  if (poller) poller.abort();
  const controller = new AbortController();
  poller = controller;
  let version = immediately ? -1 : state.v;
  for (;;) {
    try {
      const response = await fetch("/regions?" + query({ v: version }), { signal: controller.signal });
      const data = await response.json();
      state.v = version = data.version;
      show(data.regions);
    } catch (error) {
      if (controller.signal.aborted) return;
      await new Promise((resume) => setTimeout(resume, 1000));
    }
  }
}

function go(changes) {
  Object.assign(state, changes);
  history.replaceState(null, "", "?" + query());
  poll(true);
}

// ---- what people do -----------------------------------------------------------------------

document.addEventListener("click", (event) => {
  const control = event.target.closest("button, a");
  if (!control) return;
  if (control.dataset.kind === "button") {
    if (control.dataset.confirm) {
      const ask = JSON.parse(control.dataset.confirm);
      if (!window.confirm(ask.title + "\n\n" + ask.text)) return;
    }
    if (control.dataset.url) window.open(control.dataset.url, "_blank", "noopener");
    act(control, null);
  } else if ("submit" in control.dataset) {
    const view = control.closest("[data-view]");
    post("submit", { view: view.dataset.view, values: valuesOf(view) });
  } else if ("close" in control.dataset || "closeAll" in control.dataset) {
    const view = control.closest("[data-view]");
    post("close", { view: view.dataset.view, all: "closeAll" in control.dataset });
  } else if (control.dataset.jump) {
    event.preventDefault();
    const buttons = document.querySelectorAll(".jump");
    buttons.forEach((button) => (button.disabled = true));
    toast("Moving the clock…");
    post("jump", { kind: control.dataset.jump }).then((answer) => {
      buttons.forEach((button) => (button.disabled = false));
      if (answer && answer.said) toast(answer.said);
    });
  } else if (control.dataset.thread) {
    event.preventDefault();
    go({ t: control.dataset.thread });
  } else if ("closeThread" in control.dataset) {
    event.preventDefault();
    go({ t: null });
  } else if ("dismiss" in control.dataset) {
    post("dismiss", {});
  }
});

document.addEventListener("change", (event) => {
  const control = event.target.closest("[data-kind]");
  if (!control || control.dataset.kind === "button") return;
  if (event.target.id === "act-as") return;
  const inInput = control.closest(".bk-input");
  if (inInput && !control.dataset.dispatch) return;
  if (control.dataset.kind === "overflow" && !control.value) return;
  act(control, rawValue(control));
  if (control.dataset.kind === "overflow") control.value = "";
});

let typing = null;
document.addEventListener("input", (event) => {
  const control = event.target.closest("[data-dispatch]");
  if (!control || !control.dataset.dispatch.includes("on_character_entered")) return;
  clearTimeout(typing);
  typing = setTimeout(() => act(control, rawValue(control)), 600);
});

// ---- external selects: the bot offers options as the person types --------------------------

async function suggest(search) {
  const select = search.nextElementSibling;
  const view = select && select.closest("[data-view]");
  if (!view) return;
  const answer = await post("suggest", {
    view: view.dataset.view, block: select.dataset.block, action: select.dataset.action, value: search.value,
  });
  if (!answer || !answer.options) return;
  // What is chosen stays; the placeholder stays first; the rest is what the bot offered now.
  const kept = [...select.options].filter((option) => option.selected || option.value === "");
  select.replaceChildren(...kept);
  const keptValues = new Set(kept.map((option) => option.value));
  for (const offered of answer.options) {
    if (!keptValues.has(offered.value)) select.add(new Option(offered.text, offered.value));
  }
  search.dataset.asked = search.value;
}

function searchOf(control) {
  const box = control.closest(".bk-external");
  return box ? box.querySelector(".bk-suggest") : null;
}

let searching = null;
document.addEventListener("input", (event) => {
  const search = event.target.closest(".bk-suggest");
  if (!search) return;
  clearTimeout(searching);
  if (search.value.length < Number(search.dataset.minQuery)) return;
  searching = setTimeout(() => suggest(search), 300);
});

// Opening a select whose minimum is 0 asks at once, as Slack does when the menu opens.
document.addEventListener("focusin", (event) => {
  const search = searchOf(event.target);
  if (search && search.dataset.minQuery === "0" && search.dataset.asked === undefined) suggest(search);
});

document.addEventListener("keydown", (event) => {
  const control = event.target.closest("[data-dispatch]");
  if (event.key !== "Enter" || !control || !control.dataset.dispatch.includes("on_enter_pressed")) return;
  if (control.tagName === "TEXTAREA" && !event.ctrlKey) return;
  event.preventDefault();
  act(control, rawValue(control));
});

document.addEventListener("submit", (event) => {
  if (event.target.id !== "push") return;
  event.preventDefault();
  const answer = document.getElementById("push-answer");
  answer.textContent = "Pushing…";
  post("push", { value: document.getElementById("push-value").value }).then((reply) => {
    answer.textContent = reply && reply.said ? reply.said : "";
    // Home shows the new value once it is opened again, as in Slack: open it again now.
    if (state.c === "home") post("tab", { tab: "home" });
  });
});

document.addEventListener("submit", (event) => {
  if (event.target.id !== "composer") return;
  event.preventDefault();
  const input = event.target.querySelector("input");
  const text = input.value;
  input.value = "";
  post("type", { c: state.c, text });
});

document.addEventListener("change", (event) => {
  if (event.target.id !== "act-as") return;
  const params = new URLSearchParams({ as: event.target.value, c: state.c === "home" ? "home" : "D" + event.target.value.slice(1) });
  if (state.c !== "home" && !state.c.startsWith("D")) params.set("c", state.c);
  window.location.search = params.toString();
});

for (const region of document.querySelectorAll(".region")) region.dataset.shown = region.innerHTML;
const startMessages = document.getElementById("messages");
if (startMessages) startMessages.scrollTop = startMessages.scrollHeight;
if (state.c === "home") post("tab", { tab: "home" });
else if (state.c.startsWith("D")) post("tab", { tab: "messages" });
poll(false);
