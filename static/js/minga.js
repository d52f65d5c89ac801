// Progressive enhancement only: every page works without this file.
document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
  }
});

// Votes: send the same form in the background and swap the button and the budget in place.
function announce(message) {
  const region = document.getElementById("live-region");
  if (region) region.textContent = message;
}

// The page holds both the support and the withdraw form: show the one that now applies.
function showVoted(box, voted) {
  box.querySelectorAll("[data-when-voted]").forEach((el) => { el.hidden = !voted; });
  box.querySelectorAll("[data-when-not-voted]").forEach((el) => { el.hidden = voted; });
  const next = box.querySelector(voted ? "[data-when-voted] button" : "[data-when-not-voted] button");
  if (next) next.focus();  // the button pressed is hidden now: keep the keyboard in place
}

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("[data-vote-form]");
  if (!form || !window.fetch) return;
  event.preventDefault();
  const box = form.closest("[data-vote-box]");
  const button = form.querySelector("button");
  if (button) button.disabled = true;  // no double votes from double clicks
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
  if (button) button.disabled = false;
  const message = data.message || (data.error && data.error.message) || "";
  if (data.ok) {
    if (box) showVoted(box, data.voted);
    document.querySelectorAll("[data-vote-used]").forEach((el) => { el.textContent = data.used_text; });
    if (data.count_text) {
      document.querySelectorAll(`[data-vote-count="${data.proposal}"]`).forEach((el) => { el.textContent = data.count_text; });
    }
  } else {
    box?.querySelectorAll(".flash-error").forEach((el) => el.remove());
    const note = document.createElement("p");
    note.className = "flash flash-error";
    note.setAttribute("role", "alert");
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
