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

function replaceWith(element, html) {
  const holder = document.createElement("div");
  holder.innerHTML = html.trim();
  const fresh = holder.firstElementChild;
  if (fresh) element.replaceWith(fresh); else element.remove();
  return fresh;
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
  let fresh = box;
  if (data.html && data.html.box !== undefined && box) fresh = replaceWith(box, data.html.box);
  if (data.html && data.html.budget !== undefined) {
    document.querySelectorAll("[data-vote-budget]").forEach((el) => replaceWith(el, data.html.budget));
  }
  if (!data.ok) {
    const note = document.createElement("p");
    note.className = "flash flash-error";
    note.setAttribute("role", "alert");
    note.textContent = data.message;
    // The box may be gone (voting just closed): then say it at the top of the page.
    if (fresh) fresh.append(note); else document.getElementById("main").prepend(note);
  }
  if (button) button.disabled = false;
  announce(data.message);
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
