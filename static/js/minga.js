// Progressive enhancement only: every page works without this file.
document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
  }
});

// A refused form: the summary of what to fix takes the focus, so it is read (and on a
// phone, seen) first. Its links, and links here from other pages, put the keyboard in the
// field, with the field's label or group heading in view (a plain link only scrolls).
function focusField(field) {
  const group = field.closest("fieldset.choices");
  const caption = group ? group.querySelector("legend")
    : document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
  (caption || field).scrollIntoView();
  field.focus({ preventScroll: true });
}

const FIELD = "input:not([type=hidden]), select, textarea";
const errorSummary = document.querySelector("[data-error-summary]");
if (errorSummary) {
  errorSummary.focus();
} else if (window.location.hash) {
  const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (target && target.matches(FIELD)) focusField(target);
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-error-summary] a[href^='#']");
  if (!link) return;
  const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!field || !field.matches(FIELD)) return;
  event.preventDefault();
  focusField(field);
});

// Votes: send the same form in the background and swap the button and the budget in place.
// A new node each time, so a screen reader also reads a message equal to the last one.
function announce(message) {
  const region = document.getElementById("live-region");
  if (!region || !message) return;
  const line = document.createElement("p");
  line.textContent = message;
  region.replaceChildren(line);
}

// The page holds both the support and the withdraw form: show the one that now applies,
// and put the keyboard on it, since the button pressed is hidden now. Where a vote cannot
// be withdrawn there is no button left: the keyboard goes to the line saying it counts.
function showVoted(box, voted) {
  box.querySelectorAll("[data-when-voted]").forEach((el) => { el.hidden = !voted; });
  box.querySelectorAll("[data-when-not-voted]").forEach((el) => { el.hidden = voted; });
  const shown = box.querySelector(voted ? "[data-when-voted]" : "[data-when-not-voted]");
  const next = shown && (shown.querySelector("button") || shown.querySelector("[tabindex]"));
  if (next) next.focus();
}

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("[data-vote-form]");
  if (!form || !window.fetch) return;
  event.preventDefault();
  // No double votes from double clicks. Not `disabled`: a disabled button loses the
  // focus, and the keyboard would fall back to the top of the page.
  if (form.getAttribute("aria-busy") === "true") return;
  form.setAttribute("aria-busy", "true");
  const box = form.closest("[data-vote-box]");
  let data;
  try {
    const response = await fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    data = await response.json();
  } catch (error) {
    form.submit();  // fall back to the plain form
    return;
  }
  form.removeAttribute("aria-busy");
  const message = data.message || (data.error && data.error.message) || "";
  box?.querySelectorAll(".flash-error").forEach((el) => el.remove());
  if (data.ok) {
    if (box) showVoted(box, data.voted);
    document.querySelectorAll("[data-vote-used]").forEach((el) => { el.textContent = data.used_text; });
    if (data.count_text) {
      document.querySelectorAll(`[data-vote-count="${data.proposal}"]`).forEach((el) => { el.textContent = data.count_text; });
    }
  } else {
    // Shown beside the button, which keeps the focus; read out through the live region.
    const note = document.createElement("p");
    note.className = "flash flash-error";
    note.textContent = message;
    if (box) box.append(note); else document.getElementById("main").prepend(note);
  }
  announce(message);
});

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// A second click while a form is on its way would send it twice (two drafts, two votes).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || form.method.toLowerCase() !== "post") return;
  setTimeout(() => {
    form.querySelectorAll("button[type=submit], button:not([type])").forEach((b) => { b.disabled = true; });
  }, 0);
});
