"use strict";
const idInput = document.getElementById("order-id");
const table = document.getElementById("status");
const problem = document.getElementById("status-problem");

function show(id) {
  problem.textContent = "";
  fetch("/api/orders/" + encodeURIComponent(id) + "/status").then(json).then((status) => {
    const body = table.querySelector("tbody");
    body.replaceChildren();
    [["Status", status.status], ["Customer", status.customer_name], ["Pizzas", status.items_count],
      ["Total", status.total_amount], ["Payment", status.payment_status],
      ["Ready at about", new Date(status.estimated_ready_time).toLocaleTimeString()]]
      .forEach(([name, value]) => body.appendChild(row([el("th", name), el("td", value)])));
    table.hidden = false;
  }).catch((error) => {
    table.hidden = true;
    showProblem(problem, error);
  });
}

// The order's token, from the link given when ordering: in the fragment, so it never reaches a server log.
const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
const cancel = document.getElementById("cancel");
cancel.addEventListener("click", () => {
  fetch("/api/orders/" + encodeURIComponent(idInput.value) + "/cancel", {method: "POST",
    headers: {"Content-Type": "application/json", "X-Order-Token": token}, body: "{}"})
    .then(json).then(() => show(idInput.value)).catch((error) => showProblem(problem, error));
});

const asked = new URLSearchParams(window.location.search).get("id");
cancel.hidden = !(asked && token);
if (asked) {
  idInput.value = asked;
  show(asked);
}
document.getElementById("lookup").addEventListener("submit", (event) => {
  event.preventDefault();
  history.replaceState(null, "", "?id=" + encodeURIComponent(idInput.value));
  cancel.hidden = true;
  show(idInput.value);
});
